import { stripVTControlCharacters } from 'node:util';
import type { ChalkInstance } from 'chalk';
import { formatClock } from '../core/duration.js';

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
  clock: { kind: 'countdown'; remainingSec: number; scope: 'question' | 'session' } | { kind: 'elapsed'; elapsedSec: number };
  words: number;
  notice: string | null;
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
 * `content` (ending with the cursor's line) and `bottom` (below the cursor), as @inquirer/core renders them.
 */
export function layoutQuestionScreen(
  model: ScreenModel,
  size: { width: number; height: number },
  color: ChalkInstance,
): { content: string; bottom: string } {
  const width = Math.max(10, size.width);
  const height = Math.max(8, size.height);
  const textWidth = Math.max(8, width - 2);

  const meta = [model.categoryTitle, model.difficulty, model.kind].filter(Boolean).join(' · ');
  const tags = model.tags.map((tag) => `#${tag}`).join(' ');
  const header = wrapText(`Question ${model.number} of ${model.total} · ${meta}${tags ? ` · ${tags}` : ''}`, width).map((line) =>
    color.bold(line),
  );
  let promptLines = wrapText(model.prompt.trim(), textWidth).map((line) => ` ${line}`);
  let hintLines = model.hintsShown.flatMap((hint, i) =>
    wrapText(`Hint ${i + 1}: ${hint}`, textWidth).map((line) => color.yellow(` ${line}`)),
  );

  const status = statusLine(model, color);
  const footer = wrapText(footerText(model), width).map((line) => color.dim(line));
  const notice = model.notice ? wrapText(`! ${model.notice}`, width).map((line) => color.red(line)) : [];
  const label = color.cyan('Your answer (Enter: new line):');
  const cursorLine = `${ANSWER_GUTTER}${model.line}`;

  const fixedRows = () =>
    header.length +
    1 +
    promptLines.length +
    1 +
    (hintLines.length > 0 ? hintLines.length + 1 : 0) +
    1 +
    1 +
    status.length +
    footer.length +
    notice.length;
  // Leave the answer at least four rows: shorten the hints, then the prompt, when the terminal is small.
  const reserve = rowsOf(cursorLine, width) + 3;
  const available = height - 1;
  if (fixedRows() + reserve > available && hintLines.length > 0) {
    hintLines = hintLines.slice(-Math.max(1, hintLines.length - (fixedRows() + reserve - available)));
  }
  if (fixedRows() + reserve > available) {
    const keep = Math.max(1, promptLines.length - (fixedRows() + reserve - available) - 1);
    if (keep < promptLines.length)
      promptLines = [...promptLines.slice(0, keep), color.dim(' … (the prompt continues; widen or heighten the terminal to see it all)')];
  }

  let space = available - fixedRows() - rowsOf(cursorLine, width);
  const above: string[] = [];
  for (let i = model.before.length - 1; i >= 0; i--) {
    const text = `${ANSWER_GUTTER}${model.before[i]}`;
    const rows = rowsOf(text, width);
    const needMarker = i > 0 ? 1 : 0;
    if (rows + needMarker > space) {
      above.unshift(color.dim(`${ANSWER_GUTTER}↑ ${i + 1} more line${i === 0 ? '' : 's'}`));
      space -= 1;
      break;
    }
    above.unshift(text);
    space -= rows;
  }
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

  const top = [...header, '', ...promptLines, '', ...(hintLines.length > 0 ? [...hintLines, ''] : []), label, ...above, cursorLine];
  const bottom = [...below, '', ...notice, ...status, ...footer];
  return { content: top.join('\n'), bottom: bottom.join('\n') };
}

function statusLine(model: ScreenModel, color: ChalkInstance): string[] {
  const words = `${model.words} word${model.words === 1 ? '' : 's'}`;
  if (model.clock.kind === 'elapsed')
    return [`${color.cyan(`⏱ ${formatClock(model.clock.elapsedSec)} elapsed`)} ${color.dim(`(untimed) · ${words}`)}`];
  const { remainingSec, scope } = model.clock;
  const paint = clockColor(remainingSec, color);
  const what = scope === 'session' ? 'left in the session' : 'left';
  return [`${paint(`⏱ ${formatClock(remainingSec)} ${what}`)} ${color.dim(`· ${words}`)}`];
}

function footerText(model: ScreenModel): string {
  const hint = !model.hintsEnabled ? 'hints off' : model.hintsLeft > 0 ? `Ctrl-T hint (${model.hintsLeft} left)` : 'no hints left';
  return `Ctrl-S submit · ${hint} · Ctrl-X skip · Ctrl-C quit · or type /done /hint /skip /quit on a line`;
}
