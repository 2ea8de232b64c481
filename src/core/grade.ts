import type { KeyPoint } from './question-set-schema.js';
import type { TranscriptItem } from './transcript-schema.js';

// The product's judgement of an answer, behind one interface: for each key point of the
// question, whether the answer covers it and the answer's words that show it. The offline
// matcher (key-points.ts) is one implementation; a model-based grader is another. Whatever
// suggests the marks, the candidate confirms or corrects them, and their word is final.

/** One key point's mark. */
export interface KeyPointMark {
  covered: boolean;
  /** Words quoted from the answer that earned the mark; null when not covered. */
  evidence: string | null;
}

/** What a grader needs of a question. */
export interface GradableQuestion {
  prompt: string;
  keyPoints: readonly KeyPoint[];
}

/** Marks an answer: one mark per key point, in the question's order. */
export type GradeAnswer = (answer: string, question: GradableQuestion) => KeyPointMark[];

/** The indexes of the covered points in a list of marks. */
export function coveredIndexes(marks: readonly KeyPointMark[]): number[] {
  return marks.flatMap((mark, index) => (mark.covered ? [index] : []));
}

/**
 * The key points an answer covers as the product counts them: the candidate's corrections when
 * they made any, else the grader's marks. Review, export, stats and the schedule all use this.
 */
export function coveredKeyPoints(item: Pick<TranscriptItem, 'question' | 'keyPointsTouched' | 'keyPointsCorrected'>): number[] {
  const marks = item.keyPointsCorrected ?? item.keyPointsTouched;
  const total = item.question.keyPoints.length;
  return [...new Set(marks)].filter((index) => index < total).sort((a, b) => a - b);
}

/**
 * How many key points {@link coveredKeyPoints} gives, without making the list when the marks are
 * already in order and each once (as every transcript mockprep writes holds them): stats and the
 * schedule count the covered points of every answer in the history.
 */
export function countCoveredKeyPoints(item: Pick<TranscriptItem, 'question' | 'keyPointsTouched' | 'keyPointsCorrected'>): number {
  const marks = item.keyPointsCorrected ?? item.keyPointsTouched;
  const total = item.question.keyPoints.length;
  let count = 0;
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i] as number;
    if (i > 0 && mark <= (marks[i - 1] as number)) return coveredKeyPoints(item).length;
    if (mark < total) count += 1;
  }
  return count;
}

/** One key point as review and export show it: the mark that counts, its evidence, and whether the candidate changed it. */
export interface KeyPointView {
  text: string;
  covered: boolean;
  evidence: string | null;
  /** added: the candidate marked a point the grader missed; removed: unmarked one it ticked. */
  correction: 'added' | 'removed' | null;
  /**
   * With the model grader: what the offline grader said of this point, where it differs from the
   * model's suggestion (true: it ticked a point the model did not; false: the other way). null when
   * they agree or the offline grader was the only one.
   */
  offlineDiffers: boolean | null;
}

type MarkedItem = Pick<TranscriptItem, 'question' | 'keyPointsTouched' | 'keyPointsCorrected' | 'keyPointEvidence' | 'offlineKeyPoints'>;

/** The key points of an answered question, marked as the product counts them. */
export function describeKeyPoints(item: MarkedItem): KeyPointView[] {
  const suggested = new Set(item.keyPointsTouched);
  const covered = new Set(coveredKeyPoints(item));
  const offline = item.offlineKeyPoints ? new Set(item.offlineKeyPoints) : null;
  return item.question.keyPoints.map((point, index) => ({
    text: point.point,
    covered: covered.has(index),
    evidence: suggested.has(index) ? (item.keyPointEvidence?.[index] ?? null) : null,
    correction: suggested.has(index) === covered.has(index) ? null : covered.has(index) ? 'added' : 'removed',
    offlineDiffers: offline === null || offline.has(index) === suggested.has(index) ? null : offline.has(index),
  }));
}

/**
 * "3 of 4 covered", and who corrected what: "3 of 4 covered, 1 corrected by you"; with the model
 * grader, what the offline grader found: "3 of 4 covered; marked by the model, the offline grader found 2".
 */
export function describeCoverage(item: MarkedItem): string {
  const views = describeKeyPoints(item);
  const covered = views.filter((view) => view.covered).length;
  const corrected = views.filter((view) => view.correction !== null).length;
  const total = views.length;
  const offline = item.offlineKeyPoints
    ? `; marked by the model, the offline grader found ${new Set(item.offlineKeyPoints.filter((index) => index < total)).size}`
    : '';
  return `${covered} of ${total} covered${corrected === 0 ? '' : `, ${corrected} corrected by you`}${offline}`;
}

/** ` (offline grader: covered)` where the offline grader differs from the model's suggestion; '' otherwise. */
export function describeOfflineDifference(view: KeyPointView): string {
  return view.offlineDiffers === null ? '' : ` (offline grader: ${view.offlineDiffers ? 'covered' : 'not covered'})`;
}
