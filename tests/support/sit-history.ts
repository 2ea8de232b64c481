import { loadSetsWithSources } from '../../src/commands/sets-option.js';
import type { StartOptions } from '../../src/commands/start.js';
import { planFromSets } from '../../src/commands/start.js';
import { DAY_MS } from '../../src/core/practice-schedule.js';
import { createRandom } from '../../src/core/random.js';
import type { SessionRecord } from '../../src/core/session-summary.js';
import { summarizeSession } from '../../src/core/session-summary.js';
import type { Transcript } from '../../src/core/transcript-schema.js';
import type { AnswerOutcome, InterviewUI, RatingOutcome } from '../../src/interview/ports.js';
import { sitInterview } from '../../src/interview/sit-interview.js';
import { createNodeFileStore } from '../../src/io/file-store.js';
import { createFakeClock } from './fake-clock.js';

// A long practice history sat by the interview code itself: planSession picks the questions (the
// real orders: due, weakest, random, against the history written so far), sitInterview runs the
// state machine, the runner and the saver writing real transcripts, on a fake clock that walks
// through ~90 days. A simulated candidate answers from the key points' own keywords (more of them
// as the weeks go by, so the trends have somewhere to go), asks for hints, times out, skips,
// and rates itself (a little generously, so calibration has something to say). Seeded: the same
// options give the same history.

export interface HistoryOptions {
  /** How many sessions (spread over the days; some days none, some several). */
  sessions: number;
  /** The first day, at 00:00 UTC (ms). */
  start: number;
  days: number;
  seed?: number;
  /** Categories to rotate through (ids of the built-in bank by default). */
  categories?: string[];
  /** -s for every session (default: the built-in bank). */
  set?: string[];
}

const BUILTIN_CATEGORIES = ['beginner', 'intermediate', 'advanced', 'scenario-based', 'evals-and-frameworks'];

/** Sits `sessions` interviews into `dataDir` and returns their transcripts, oldest first. */
export async function sitHistory(dataDir: string, options: HistoryOptions): Promise<Transcript[]> {
  const random = createRandom(options.seed ?? 14);
  const store = createNodeFileStore();
  const categories = options.categories ?? BUILTIN_CATEGORIES;
  // Loaded once (parsing the bank's YAML for each of 200 sessions is most of the time); each session is planned as start plans it.
  const { sets, sources } = await loadSetsWithSources(options.set, store);
  // Which days have practice: about three days in four, in runs, and a few days with two or three sessions.
  const slots: number[] = [];
  let practising = true;
  for (let day = 0; slots.length < options.sessions; day = (day + 1) % options.days) {
    if (random() < 0.2) practising = !practising;
    if (!practising && day < options.days - 6) continue;
    const count = random() < 0.25 ? 2 + Math.floor(random() * 2) : 1;
    for (let i = 0; i < count && slots.length < options.sessions; i++) slots.push(day);
  }
  slots.sort((a, b) => a - b);
  const transcripts: Transcript[] = [];
  const records: SessionRecord[] = [];
  for (const [n, day] of slots.entries()) {
    // Evening practice, a little later for each session of the day.
    const at = options.start + day * DAY_MS + (18 + (n % 4)) * 3_600_000 + Math.floor(random() * 40) * 60_000;
    const clock = createFakeClock(at);
    const progress = day / Math.max(1, options.days - 1);
    const category = categories[Math.floor(random() * categories.length)];
    const roll = random();
    const order: StartOptions['order'] = roll < 0.5 ? 'due' : roll < 0.7 ? 'weakest' : roll < 0.9 ? 'random' : 'in-order';
    const planned = planFromSets(
      sets,
      sources,
      {
        set: options.set,
        category: random() < 0.85 ? category : undefined,
        count: 1 + Math.floor(random() * 3),
        order,
        seed: Math.floor(random() * 2 ** 31),
        hints: true,
        review: true,
        followUps: 0,
      },
      clock.now(),
      // What `start` would read back from the folder: the sessions sat so far (kept in memory: reading 200 folders is slow).
      records,
    );
    const ui = simulatedCandidate(clock, random, progress);
    const sat = await sitInterview(planned, ui, { store, clock, dataDir, signal: new AbortController().signal });
    transcripts.push(sat);
    records.push(summarizeSession(sat));
  }
  return transcripts;
}

/** A candidate who knows a share of each question's key points, more as the days go by. */
function simulatedCandidate(clock: ReturnType<typeof createFakeClock>, random: () => number, progress: number): InterviewUI {
  let lastCoverage = 0;
  return {
    async askAnswer(request, events): Promise<AnswerOutcome> {
      const limitMs = request.deadline ? request.deadline.at - clock.now() : 180_000;
      if (random() < 0.07) {
        await clock.advance(5_000 + Math.floor(random() * 20_000));
        lastCoverage = 0;
        return { action: 'skip', text: '' };
      }
      const hints = random() < 0.3 - progress * 0.2 ? (random() < 0.5 ? 2 : 1) : 0;
      for (let i = 0; i < hints; i++) {
        await clock.advance(15_000);
        events.onHint();
      }
      const points = request.question.keyPoints;
      const skill = Math.min(0.95, 0.3 + progress * 0.55 + (random() - 0.5) * 0.4);
      const known = points.filter(() => random() < skill);
      lastCoverage = points.length === 0 ? 1 : known.length / points.length;
      const text = known
        .map(
          (point) =>
            `${point.keywords?.[0] ?? point.point} matters here because it changes what the system actually does: ${point.point.toLowerCase()}, for example once it is deployed.`,
        )
        .join('\n');
      const answer = text === '' ? 'I am not sure; I would start from the definitions and work through an example.' : text;
      events.onDraft(answer.slice(0, Math.ceil(answer.length / 2)));
      if (random() < 0.12 - progress * 0.06) {
        await clock.advance(Math.max(1_000, limitMs));
        return { action: 'timeout', text: answer.slice(0, Math.ceil(answer.length * 0.7)) };
      }
      await clock.advance(Math.floor(Math.max(1_000, limitMs) * (0.35 + random() * 0.6)));
      return { action: 'submit', text: answer };
    },
    async review(item): Promise<RatingOutcome> {
      if (item.skipped) return { rating: null };
      if (random() < 0.2) return { rating: null };
      // Generous: about half a point above what the coverage says, with noise.
      const rating = Math.round(1 + lastCoverage * 4 + 0.5 + (random() - 0.5) * 1.5);
      return { rating: Math.min(5, Math.max(1, rating)) };
    },
    showSummary() {},
    // Offline grading only: nothing to wait for.
    async showWaiting() {
      return () => {};
    },
    warn() {},
    printUnsaved() {},
    close() {},
  };
}
