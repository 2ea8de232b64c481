import { formatClock, formatDuration } from '../core/duration.js';
import { sanitizeText } from '../core/sanitize-text.js';
import { firstLine, formatQuestionMeta } from '../core/text.js';
import type { AnswerOutcome, InterviewUI, RatingOutcome } from '../interview/ports.js';
import type { Clock } from '../io/clock.js';
import type { Output } from '../io/output.js';
import { formatFeedback, formatKeyPoints, formatNotesBeside, formatSummary } from './feedback-text.js';
import type { LineReader } from './line-reader.js';

/** Remaining times (seconds) at which plain mode prints how long is left, besides each whole minute. */
const ANNOUNCE_AT = [30, 10];

/**
 * The next time (ms) after `now` to print how long is left before `deadline`: each whole minute,
 * then 30 and 10 seconds before. In overtime mode, past the deadline: each whole minute over.
 */
export function nextAnnouncement(now: number, deadline: number, overtime = false): number | null {
  if (now >= deadline) return overtime ? deadline + (Math.floor((now - deadline) / 60_000) + 1) * 60_000 : null;
  // The next mark strictly under what is left (half a second of slack), computed, never listed:
  // a long limit must not mean one mark per minute of it in memory.
  const before = (deadline - now) / 1000 - 0.5;
  const minute = (Math.ceil(before / 60) - 1) * 60;
  const candidates = [...ANNOUNCE_AT, minute].filter((mark) => mark >= 10 && mark < before);
  const upcoming = candidates.length > 0 ? Math.max(...candidates) : undefined;
  // In overtime mode the deadline itself is announced too (overtime starts).
  if (upcoming === undefined) return overtime ? deadline : null;
  return deadline - upcoming * 1000;
}

/**
 * Plain mode: a line protocol with no cursor movement, for screen readers, scripts and tests.
 * The question is printed once; the answer is read line by line until `/done` or the end of
 * input; `/hint`, `/skip` and `/quit` on their own line do what they say.
 */
/**
 * `/covered 1 3`: the key points the candidate says they covered, by their listed numbers
 * (`/covered` alone: none). A message when a number is not a point's.
 */
export function parseCovered(line: string, points: number): Set<number> | string {
  const words = line
    .trim()
    .split(/[\s,]+/)
    .slice(1)
    .filter(Boolean);
  const covered = new Set<number>();
  for (const word of words) {
    const number = /^\d+$/.test(word) ? Number(word) : Number.NaN;
    if (!Number.isInteger(number) || number < 1 || number > points) {
      return `"${word}" is not a key point's number: give numbers from 1 to ${points}, e.g. /covered 1 3 (or /covered alone for none)`;
    }
    covered.add(number - 1);
  }
  return covered;
}

export function createPlainInterviewUI(reader: LineReader, out: Output, stderr: Output, clock: Clock): InterviewUI {
  let saidNoKeyPoints = false;
  return {
    async askAnswer(request, events, signal): Promise<AnswerOutcome> {
      const { question, deadline, followUp } = request;
      const meta = formatQuestionMeta(question);
      const part = followUp ? ` · follow-up ${followUp.number} of ${followUp.total}` : '';
      out.line();
      out.line(out.color.bold(`Question ${request.number} of ${request.total}${part} · ${meta}`));
      out.line((followUp?.prompt ?? question.prompt).trim());
      if (followUp) out.line(out.color.dim(`(follow-up to: ${firstLine(question.prompt)})`));
      const limit = deadline
        ? `${formatDuration((deadline.at - clock.now()) / 1000)} ${deadline.scope === 'session' ? 'left in the session' : 'to answer'}${deadline.overtime ? ', then overtime' : ''}`
        : 'untimed';
      const hintsLeft = request.hintsTotal - request.hintsShown.length;
      const hintInfo = request.hintsEnabled ? `/hint for a hint (${hintsLeft} left)` : 'no hints';
      out.line(out.color.dim(`[${limit}. Type your answer, then /done on its own line; ${hintInfo}; /skip; /quit]`));
      for (const [i, hint] of request.hintsShown.entries()) out.line(`Hint ${i + 1}: ${hint}`);
      const lines = request.draft === '' ? [] : request.draft.split('\n');
      let hintsShown = request.hintsShown.length;
      let overtimeAnnounced = false;
      // Shown clean; continued as it is (what was typed stays as typed).
      if (lines.length > 0) out.line(out.color.dim(`[your saved draft, which new lines continue:]\n${sanitizeText(request.draft)}`));

      for (;;) {
        const now = clock.now();
        const hardAt = deadline?.hardAt ?? null;
        const announce = deadline ? nextAnnouncement(now, deadline.at, deadline.overtime) : null;
        const until = [announce, hardAt].filter((at): at is number => at !== null);
        const result = await reader.read({ until: until.length > 0 ? Math.min(...until) : null, signal });
        const text = lines.join('\n');
        if (result.kind === 'timeout') {
          const at = clock.now();
          if (hardAt !== null && at >= hardAt) {
            out.line(out.color.yellow('[time is up: your answer so far is kept]'));
            return { action: 'timeout', text };
          }
          if (deadline && at >= deadline.at) {
            if (!overtimeAnnounced) out.line(out.color.red('[time is up: you are in overtime; /done when you finish]'));
            else out.line(out.color.red(`[+${formatClock(Math.round((at - deadline.at) / 1000))} over]`));
            overtimeAnnounced = true;
          } else if (deadline) {
            out.line(out.color.yellow(`[${formatClock(Math.round((deadline.at - at) / 1000))} left]`));
          }
          continue;
        }
        if (result.kind === 'aborted') return { action: 'stop', reason: 'interrupted', text };
        if (result.kind === 'eof') {
          if (lines.length > 0) return { action: 'submit', text };
          // Nothing typed for a follow-up: it is skipped, and the question still counts as answered.
          return followUp ? { action: 'skip', text } : { action: 'stop', reason: 'input-ended', text };
        }
        const command = result.line.trim().toLowerCase();
        if (command === '/done') return { action: 'submit', text };
        if (command === '/skip') return { action: 'skip', text };
        if (command === '/quit') return { action: 'stop', reason: 'quit', text };
        if (command === '/hint') {
          const hint = events.onHint();
          if (hint !== null) out.line(`Hint ${++hintsShown}: ${hint}`);
          else out.line(out.color.dim(request.hintsEnabled ? '[no hints left]' : '[no hints here]'));
          continue;
        }
        lines.push(result.line);
        events.onDraft(lines.join('\n'));
      }
    },

    async review(item, position, signal): Promise<RatingOutcome> {
      out.line();
      const points = item.question.keyPoints.length;
      const judged = !item.skipped && points > 0;
      // A set with no key points is told so once a session, not on every question.
      const sayNoPoints = points === 0 && !saidNoKeyPoints;
      if (points === 0) saidNoKeyPoints = true;
      const lines = formatFeedback(item, position, out.color, { keyPoints: judged || sayNoPoints });
      for (const line of lines) out.line(line);
      if (item.skipped) return { rating: null };
      let covered: Set<number> | undefined;
      let offerNotes = position.notesOnRequest;
      for (;;) {
        const corrections = judged ? `; /covered 1 3 to set the points you covered` : '';
        out.line(
          out.color.dim(`[rate your answer 1-5, or an empty line to skip${corrections}${offerNotes ? '; /notes for the notes' : ''}]`),
        );
        const result = await reader.read({ until: null, signal });
        const confirmed = covered && [...covered].sort((a, b) => a - b);
        if (result.kind === 'aborted') return { stop: 'interrupted', covered: confirmed };
        if (result.kind !== 'line') return { rating: null, covered: confirmed };
        const answer = result.line.trim();
        if (/^[1-5]$/.test(answer)) return { rating: Number(answer), covered: confirmed };
        if (offerNotes && answer.toLowerCase() === '/notes') {
          for (const line of formatNotesBeside(item, 0, out.color)) out.line(line);
          offerNotes = false;
          continue;
        }
        if (judged && /^\/covered\b/i.test(answer)) {
          const parsed = parseCovered(answer, points);
          if (typeof parsed === 'string') out.line(out.color.yellow(parsed));
          else {
            covered = parsed;
            for (const line of formatKeyPoints(item, out.color, { covered })) out.line(line);
          }
          continue;
        }
        // Not a rating: most likely the first line of the next answer, typed (or piped) straight on.
        if (answer !== '') reader.unread(result.line);
        return { rating: null, covered: confirmed };
      }
    },

    showSummary(summary, details) {
      out.line();
      for (const line of formatSummary(summary, details, out.color)) out.line(line);
    },

    async showWaiting(message) {
      // A line, no spinner: plain mode is read by scripts and screen readers. Ctrl-C here is a signal.
      out.line(out.color.dim(`[${message}]`));
      return () => {};
    },

    warn(message) {
      stderr.line(message === null ? 'mockprep: the transcript is saved again' : `mockprep: ${message}`);
    },

    printUnsaved(text) {
      out.line(text);
    },

    close() {
      reader.close();
    },
  };
}
