import type { ChalkInstance } from 'chalk';
import { formatClock } from '../core/duration.js';
import type { Deadline } from '../core/session.js';
import { firstLine, formatQuestionMeta } from '../core/text.js';
import { displayWidth, expandTabs, fitDisplayWidth } from './display-width.js';
import { wrapRows, wrapText } from './text-wrap.js';

export { wrapText } from './text-wrap.js';

/** What the question screen shows at one moment. */
export interface ScreenModel {
  number: number;
  total: number;
  categoryTitle: string;
  difficulty: string | null;
  kind: string | null;
  tags: readonly string[];
  prompt: string;
  hintsShown: readonly string[];
  hintsLeft: number;
  hintsEnabled: boolean;
  /** The answer's lines and the cursor in them (a line, and an offset in that line). */
  answer: { lines: readonly string[]; row: number; col: number };
  /** Set for an interviewer's follow-up: its prompt replaces the question's, which stays as context. */
  followUp: { number: number; total: number; prompt: string } | null;
  clock: ClockView;
  words: number;
  notice: string | null;
  /** Set once the time is up: the answer is frozen and this replaces the clock. */
  timeUp?: boolean;
}

/** What the clock shows: time left, time over the limit (overtime mode), or time elapsed (untimed). */
export type ClockView =
  | { kind: 'countdown'; remainingSec: number; scope: 'question' | 'session' }
  | { kind: 'overtime'; overSec: number }
  | { kind: 'elapsed'; elapsedSec: number };

/** The clock at `now` for an answer due at `deadline` (null: untimed) that began at `startedAt`. */
export function clockView(deadline: Deadline | null, timing: { startedAt: number; timeUsedBeforeMs: number }, now: number): ClockView {
  if (!deadline) return { kind: 'elapsed', elapsedSec: Math.floor((timing.timeUsedBeforeMs + now - timing.startedAt) / 1000) };
  if (now >= deadline.at && deadline.overtime) return { kind: 'overtime', overSec: Math.floor((now - deadline.at) / 1000) };
  return { kind: 'countdown', remainingSec: Math.max(0, Math.ceil((deadline.at - now) / 1000)), scope: deadline.scope };
}

/** The indent of every answer row, wrapped rows included (a hanging indent). */
export const ANSWER_GUTTER = '  ';

/** Long lines are wrapped only around what is on screen, from a stable point this far back. */
const WRAP_WINDOW = 2048;

/** The countdown's colour: calm, then yellow in the last minute, then red in the last ten seconds. */
export function clockColor(remainingSec: number, color: ChalkInstance): (text: string) => string {
  if (remainingSec <= 10) return color.red.bold;
  if (remainingSec <= 60) return color.yellow;
  return color.green;
}

/** A screen: its rows, top to bottom, and where the cursor goes (0-based row and column). */
export interface ScreenFrame {
  rows: string[];
  cursor: { row: number; col: number };
}

/** The wrapped rows of one answer line that are near `around` (an offset), as [start, end) offsets. */
function rowsNear(line: string, width: number, around: number): { starts: number[]; end: number; cutBefore: boolean; cutAfter: boolean } {
  if (line.length <= WRAP_WINDOW * 2) {
    return { starts: wrapRows(line, width), end: line.length, cutBefore: false, cutAfter: false };
  }
  // A point that stays put while the cursor moves within a window: the first space after a
  // multiple of the window, so the rows above the cursor do not shift as it types.
  let from = Math.max(0, Math.floor(around / WRAP_WINDOW) * WRAP_WINDOW - WRAP_WINDOW);
  if (from > 0) {
    const space = line.indexOf(' ', from);
    from = space !== -1 && space < from + 200 ? space + 1 : from;
  }
  const to = Math.min(line.length, Math.max(around, from) + WRAP_WINDOW);
  const starts = wrapRows(line, width, { from, to });
  // The last row of a cut window may be incomplete: drop it unless the cursor is on it.
  const cutAfter = to < line.length;
  if (cutAfter && starts.length > 1 && (starts.at(-1) ?? 0) > around) starts.pop();
  return { starts, end: cutAfter ? (starts.at(-1) ?? to) : to, cutBefore: from > 0, cutAfter };
}

/**
 * Lays out the question screen to fit `height` rows so it never scrolls: the prompt and hints on
 * top, the answer around the cursor in the middle, the countdown and keys at the bottom. Only
 * the answer rows on screen are wrapped. When space runs short it gives up, in this order: blank
 * lines, the label, older hints, the end of the prompt, the rest of the header, the footer, and
 * last the answer rows around the cursor.
 */
export function layoutQuestionScreen(model: ScreenModel, size: { width: number; height: number }, color: ChalkInstance): ScreenFrame {
  const width = Math.max(10, size.width);
  const budget = Math.max(3, size.height);
  const textWidth = Math.max(8, width - 1);
  const clip = (text: string) => fitDisplayWidth(text, width);

  const part = model.followUp ? ` · follow-up ${model.followUp.number} of ${model.followUp.total}` : '';
  const headerText = `Question ${model.number} of ${model.total}${part} · ${formatQuestionMeta(model)}`;
  let header = wrapText(headerText, width, '  ');
  const context = model.followUp ? [color.dim(clip(` (follow-up to: ${firstLine(model.prompt)})`))] : [];
  let prompt = [...wrapText((model.followUp?.prompt ?? model.prompt).trim(), textWidth - 1).map((line) => ` ${line}`), ...context];
  let hints = model.hintsShown.map((hint, i) => wrapText(`Hint ${i + 1}: ${hint}`, textWidth - 1, '        ').map((line) => ` ${line}`));
  let footer = [clip(footerText(model, width))];
  const notice = model.notice ? [clip(`! ${model.notice}`)] : [];
  const status = [clip(statusText(model))];
  let label = [clip(model.timeUp ? 'Your answer (kept as it is):' : 'Your answer (Enter: new line):')];
  let blanks = true;

  const used = () =>
    header.length +
    prompt.length +
    hints.flat().length +
    label.length +
    1 +
    notice.length +
    status.length +
    footer.length +
    (blanks ? 2 + (hints.length > 0 ? 1 : 0) + 1 : 0);
  const shrinks: (() => void)[] = [
    () => {
      blanks = false;
    },
    () => {
      label = [];
    },
    () => {
      hints = hints.slice(-1);
    },
    () => {
      hints = hints.map((rows) => [clip(` ${rows.join(' ').replace(/\s+/g, ' ').trim()}`)]);
    },
    () => {
      const keep = Math.max(1, prompt.length - (used() - budget) - 1);
      if (keep < prompt.length) prompt = [...prompt.slice(0, keep), clip(' … (more of the prompt than fits here)')];
    },
    () => {
      header = [clip(headerText)];
    },
    () => {
      hints = [];
    },
    () => {
      footer = [];
    },
    () => {
      prompt = prompt.slice(0, 1);
    },
    // A screen of a few rows: the cursor's row and the clock matter most.
    () => {
      prompt = [];
    },
    () => {
      header = [];
    },
  ];
  // Keep a couple of rows for the answer's other rows when there are any.
  const { lines, row, col } = model.answer;
  const reserve = lines.length > 1 || (lines[0] ?? '').length > textWidth ? 2 : 0;
  for (const shrink of shrinks) {
    if (used() + reserve <= budget) break;
    shrink();
  }

  // The answer around the cursor: the cursor's row, mostly rows above it, some below.
  const answerWidth = Math.max(4, width - ANSWER_GUTTER.length - 1);
  const show = (text: string) => `${ANSWER_GUTTER}${expandTabs(text)}`;
  const cursorLine = lines[row] ?? '';
  const near = rowsNear(cursorLine, answerWidth, col);
  let k = 0;
  while (k + 1 < near.starts.length && (near.starts[k + 1] ?? 0) <= col) k++;
  const rowStart = near.starts[k] ?? 0;
  const rowEnd = near.starts[k + 1] ?? near.end;
  const cursorCol = ANSWER_GUTTER.length + displayWidth(expandTabs(cursorLine.slice(rowStart, col)));
  const cursorRowText = show(cursorLine.slice(rowStart, rowEnd).trimEnd());
  const rowText = (line: string, starts: number[], end: number, i: number) =>
    show(line.slice(starts[i] ?? 0, starts[i + 1] ?? end).trimEnd());

  let space = Math.max(0, budget - used());
  // Rows available below the cursor (only as many as needed to tell that there are more).
  const belowWanted = near.starts.length - 1 - k + (near.cutAfter ? 1 : 0) + (lines.length - 1 - row);
  let belowSpace = Math.min(belowWanted, row > 0 || k > 0 ? Math.floor(space / 3) : space);
  if (belowWanted > 0 && belowSpace === 0 && space > 1) belowSpace = 1;
  let aboveSpace = space - belowSpace;

  const above: string[] = [];
  let hiddenAbove = false;
  let linesAbove = row;
  // The cursor line's own rows above the cursor row, then the lines above it, from the bottom.
  const pushAbove = (rows: string[], more: boolean): boolean => {
    for (let i = rows.length - 1; i >= 0; i--) {
      if (aboveSpace <= (i > 0 || more ? 1 : 0)) {
        hiddenAbove = true;
        return false;
      }
      above.unshift(rows[i] ?? '');
      aboveSpace--;
    }
    return true;
  };
  let complete = pushAbove(
    Array.from({ length: k }, (_, i) => rowText(cursorLine, near.starts, near.end, i)),
    near.cutBefore || row > 0,
  );
  if (complete && near.cutBefore) hiddenAbove = true;
  for (let r = row - 1; complete && !hiddenAbove && r >= 0; r--) {
    const line = lines[r] ?? '';
    const rows = rowsNear(line, answerWidth, line.length);
    complete = pushAbove(
      rows.starts.map((_, i) => rowText(line, rows.starts, rows.end, i)),
      rows.cutBefore || r > 0,
    );
    if (complete && rows.cutBefore) hiddenAbove = true;
    if (complete) linesAbove = r;
  }
  if (hiddenAbove)
    above.unshift(
      color.dim(
        `${ANSWER_GUTTER}↑ ${linesAbove === 0 && row === 0 ? 'more above' : `${Math.max(1, linesAbove)} more line${linesAbove === 1 ? '' : 's'}`}`,
      ),
    );
  space = aboveSpace + belowSpace;

  const below: string[] = [];
  let linesBelow = lines.length - 1 - row;
  const pushBelow = (rows: string[], more: boolean): boolean => {
    for (let i = 0; i < rows.length; i++) {
      if (space <= (i < rows.length - 1 || more ? 1 : 0)) return false;
      below.push(rows[i] ?? '');
      space--;
    }
    return true;
  };
  let done = pushBelow(
    near.starts.slice(k + 1).map((_, i) => rowText(cursorLine, near.starts, near.end, k + 1 + i)),
    near.cutAfter || row < lines.length - 1,
  );
  if (done && near.cutAfter) done = false;
  for (let r = row + 1; done && r < lines.length; r++) {
    const line = lines[r] ?? '';
    const rows = rowsNear(line, answerWidth, 0);
    done = pushBelow(
      rows.starts.map((_, i) => rowText(line, rows.starts, rows.end, i)),
      rows.cutAfter || r < lines.length - 1,
    );
    if (done && rows.cutAfter) done = false;
    if (done) linesBelow = lines.length - 1 - r;
  }
  if (!done && space >= 1)
    below.push(color.dim(`${ANSWER_GUTTER}↓ ${linesBelow > 0 ? `${linesBelow} more line${linesBelow === 1 ? '' : 's'}` : 'more below'}`));

  const clockPaint = model.timeUp
    ? color.yellow.bold
    : model.clock.kind === 'countdown'
      ? clockColor(model.clock.remainingSec, color)
      : model.clock.kind === 'overtime'
        ? color.red.bold
        : color.cyan;
  const top = [
    ...header.map((line) => color.bold(line)),
    ...(blanks ? [''] : []),
    ...prompt,
    ...(blanks ? [''] : []),
    ...hints.flat().map((line) => color.yellow(line)),
    ...(blanks && hints.length > 0 ? [''] : []),
    ...label.map((line) => color.cyan(line)),
    ...above,
  ];
  const rows = [
    ...top,
    cursorRowText,
    ...below,
    ...(blanks ? [''] : []),
    ...notice.map((line) => color.red(line)),
    ...status.map((line) => clockPaint(line)),
    ...footer.map((line) => color.dim(line)),
  ];
  // Whatever still does not fit goes from the top: the cursor's row and the clock stay.
  const overflow = Math.max(0, Math.min(top.length, rows.length - budget));
  return {
    rows: rows.slice(overflow, overflow + budget),
    cursor: { row: Math.min(top.length - overflow, budget - 1), col: Math.min(cursorCol, width - 1) },
  };
}

function statusText(model: ScreenModel): string {
  const words = `${model.words} word${model.words === 1 ? '' : 's'}`;
  if (model.timeUp) return `⏱ Time's up: your answer is kept as it is · ${words}`;
  if (model.clock.kind === 'elapsed') return `⏱ ${formatClock(model.clock.elapsedSec)} elapsed (untimed) · ${words}`;
  if (model.clock.kind === 'overtime') return `⏱ +${formatClock(model.clock.overSec)} over the limit (overtime) · ${words}`;
  const what = model.clock.scope === 'session' ? 'left in the session' : 'left';
  return `⏱ ${formatClock(model.clock.remainingSec)} ${what} · ${words}`;
}

function hintKey(model: ScreenModel, form: 'long' | 'short' | 'tiny'): string {
  if (!model.hintsEnabled) return form === 'tiny' ? '' : 'hints off';
  if (model.hintsLeft === 0) return form === 'tiny' ? '' : 'no hints left';
  if (form === 'long') return `Ctrl-T hint (${model.hintsLeft} left)`;
  return form === 'short' ? `^T hint (${model.hintsLeft})` : '^T hint';
}

/** The keys, in the longest form that fits on one row of `width` columns. */
export function footerText(model: ScreenModel, width: number): string {
  const join = (parts: string[]) => parts.filter(Boolean).join(' · ');
  // /hint is offered only where a hint can be had.
  const commands = model.hintsEnabled && model.hintsLeft > 0 ? '/done /hint /skip /quit' : '/done /skip /quit';
  const forms = [
    join(['Ctrl-S submit', hintKey(model, 'long'), 'Ctrl-X skip', 'Ctrl-C quit', `or type ${commands} on a line`]),
    join(['Ctrl-S submit', hintKey(model, 'long'), 'Ctrl-X skip', 'Ctrl-C quit', `or a line ${commands}`]),
    join(['Ctrl-S submit', hintKey(model, 'long'), 'Ctrl-X skip', 'Ctrl-C quit']),
    join(['^S submit', hintKey(model, 'short'), '^X skip', '^C quit']),
    join(['^S send', hintKey(model, 'tiny'), '^X skip', '^C quit']),
    '^S ^X ^C',
  ];
  return forms.find((form) => displayWidth(form) <= width) ?? (forms.at(-1) as string);
}
