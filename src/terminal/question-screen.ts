import { stripVTControlCharacters } from 'node:util';
import type { ChalkInstance } from 'chalk';
import { formatClock } from '../core/duration.js';
import type { Deadline } from '../core/session.js';
import { firstLine, fitWidth, formatQuestionMeta } from '../core/text.js';

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
  /** The answer: finished lines above the cursor's line, the cursor's line, lines below it. */
  before: readonly string[];
  line: string;
  after: readonly string[];
  /** Set for an interviewer's follow-up: its prompt replaces the question's, which stays as context. */
  followUp: { number: number; total: number; prompt: string } | null;
  clock: ClockView;
  words: number;
  notice: string | null;
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

/** The indent of every answer line; the cursor's line is `ANSWER_GUTTER + line` exactly. */
export const ANSWER_GUTTER = '  ';

const visibleLength = (text: string) => stripVTControlCharacters(text).length;
const rowsOf = (text: string, width: number) => Math.max(1, Math.ceil(visibleLength(text) / width));

/** Word-wraps plain text to `width` columns, breaking words longer than a line. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/(?<=\s)/)) {
      if (line.length + word.trimEnd().length <= width) {
        line += word;
        continue;
      }
      if (line.trim() !== '') out.push(line.trimEnd());
      line = '';
      let rest = word;
      while (rest.trimEnd().length > width) {
        out.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
      line = rest;
    }
    out.push(line.trimEnd());
  }
  return out;
}

/** The countdown's colour: calm, then yellow in the last minute, then red in the last ten seconds. */
export function clockColor(remainingSec: number, color: ChalkInstance): (text: string) => string {
  if (remainingSec <= 10) return color.red.bold;
  if (remainingSec <= 60) return color.yellow;
  return color.green;
}

/**
 * Lays out the question screen to fit `height` rows so it never scrolls: the prompt and hints on
 * top, the answer around the cursor in the middle, the countdown and keys at the bottom. Returns
 * `content` (ending with the cursor's line) and `bottom` (below the cursor), as @inquirer/core
 * renders them. When space runs short it gives up, in this order: blank lines, the label, the
 * long footer, older hints, the end of the prompt, the rest of the header, the footer, and last
 * the answer lines around the cursor.
 */
export function layoutQuestionScreen(
  model: ScreenModel,
  size: { width: number; height: number },
  color: ChalkInstance,
): { content: string; bottom: string } {
  const width = Math.max(10, size.width);
  const budget = Math.max(3, size.height) - 1;
  const textWidth = Math.max(8, width - 1);

  const part = model.followUp ? ` · follow-up ${model.followUp.number} of ${model.followUp.total}` : '';
  const headerText = `Question ${model.number} of ${model.total}${part} · ${formatQuestionMeta(model)}`;
  let header = wrapText(headerText, width);
  const context = model.followUp ? [color.dim(fitWidth(` (follow-up to: ${firstLine(model.prompt)})`, width))] : [];
  let prompt = [...wrapText((model.followUp?.prompt ?? model.prompt).trim(), textWidth).map((line) => ` ${line}`), ...context];
  let hints = model.hintsShown.map((hint, i) => wrapText(`Hint ${i + 1}: ${hint}`, textWidth).map((line) => ` ${line}`));
  let footer = wrapText(footerText(model), width);
  const notice = model.notice ? [fitWidth(`! ${model.notice}`, width)] : [];
  const status = [fitWidth(statusText(model), width)];
  let label = ['Your answer (Enter: new line):'];
  let blanks = true;
  const cursorLine = `${ANSWER_GUTTER}${model.line}`;
  const cursorRows = rowsOf(cursorLine, width);

  const used = () =>
    header.length +
    prompt.length +
    hints.flat().length +
    label.length +
    cursorRows +
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
      footer = [fitWidth(compactFooterText(model), width)];
    },
    () => {
      hints = hints.slice(-1);
    },
    () => {
      hints = hints.map((rows) => [fitWidth(` ${rows.join(' ').trim()}`, width)]);
    },
    () => {
      const keep = Math.max(1, prompt.length - (used() - budget) - 1);
      if (keep < prompt.length) prompt = [...prompt.slice(0, keep), fitWidth(' … (more of the prompt than fits here)', width)];
    },
    () => {
      header = [fitWidth(headerText, width)];
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
  ];
  // Keep a couple of rows for the answer's other lines when there are any.
  const reserve = Math.min(2, model.before.length + model.after.length);
  for (const shrink of shrinks) {
    if (used() + reserve <= budget) break;
    shrink();
  }

  // Whatever is left shows the answer around the cursor: mostly above it, some below.
  let space = Math.max(0, budget - used());
  const afterRows = model.after.reduce((sum, line) => sum + rowsOf(`${ANSWER_GUTTER}${line}`, width), 0);
  let afterSpace = Math.min(afterRows, model.before.length > 0 ? Math.floor(space / 3) : space);
  if (model.after.length > 0 && afterSpace === 0 && space > 1) afterSpace = 1;
  let beforeSpace = space - afterSpace;
  const above: string[] = [];
  for (let i = model.before.length - 1; i >= 0; i--) {
    const text = `${ANSWER_GUTTER}${model.before[i]}`;
    const rows = rowsOf(text, width);
    if (rows + (i > 0 ? 1 : 0) > beforeSpace) {
      if (beforeSpace >= 1) {
        above.unshift(color.dim(`${ANSWER_GUTTER}↑ ${i + 1} more line${i === 0 ? '' : 's'}`));
        beforeSpace -= 1;
      }
      break;
    }
    above.unshift(text);
    beforeSpace -= rows;
  }
  space = afterSpace + beforeSpace;
  const below: string[] = [];
  for (let i = 0; i < model.after.length; i++) {
    const text = `${ANSWER_GUTTER}${model.after[i]}`;
    const rows = rowsOf(text, width);
    const remaining = model.after.length - i;
    if (rows + (remaining > 1 ? 1 : 0) > space) {
      if (space >= 1) below.push(color.dim(`${ANSWER_GUTTER}↓ ${remaining} more line${remaining === 1 ? '' : 's'}`));
      break;
    }
    below.push(text);
    space -= rows;
  }

  const clockPaint =
    model.clock.kind === 'countdown'
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
    cursorLine,
  ];
  const bottomLines = [
    ...below,
    ...(blanks ? [''] : []),
    ...notice.map((line) => color.red(line)),
    ...status.map((line) => clockPaint(line)),
    ...footer.map((line) => color.dim(line)),
  ];
  return { content: top.join('\n'), bottom: bottomLines.join('\n') };
}

function statusText(model: ScreenModel): string {
  const words = `${model.words} word${model.words === 1 ? '' : 's'}`;
  if (model.clock.kind === 'elapsed') return `⏱ ${formatClock(model.clock.elapsedSec)} elapsed (untimed) · ${words}`;
  if (model.clock.kind === 'overtime') return `⏱ +${formatClock(model.clock.overSec)} over the limit (overtime) · ${words}`;
  const what = model.clock.scope === 'session' ? 'left in the session' : 'left';
  return `⏱ ${formatClock(model.clock.remainingSec)} ${what} · ${words}`;
}

function hintKey(model: ScreenModel, short: boolean): string {
  if (!model.hintsEnabled) return 'hints off';
  if (model.hintsLeft === 0) return 'no hints left';
  return short ? `^T hint (${model.hintsLeft})` : `Ctrl-T hint (${model.hintsLeft} left)`;
}

function footerText(model: ScreenModel): string {
  return `Ctrl-S submit · ${hintKey(model, false)} · Ctrl-X skip · Ctrl-C quit · or type /done /hint /skip /quit on a line`;
}

function compactFooterText(model: ScreenModel): string {
  return `^S submit · ${hintKey(model, true)} · ^X skip · ^C quit`;
}
