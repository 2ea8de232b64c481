import type { KeypressEvent } from '@inquirer/core';
import { createPrompt, isBackspaceKey, isDownKey, isEnterKey, isUpKey, useEffect, useKeypress, useRef, useState } from '@inquirer/core';
import type { ChalkInstance } from 'chalk';
import { sanitizeText } from '../core/sanitize-text.js';
import { countWords } from '../core/text.js';
import type { AnswerRequest } from '../interview/ports.js';
import type { Clock } from '../io/clock.js';
import { clockView, layoutQuestionScreen } from './question-screen.js';

/** The answer prompt's result; Ctrl-C rejects with inquirer's ExitPromptError instead. */
export interface AnswerPromptResult {
  action: 'submit' | 'skip' | 'timeout' | 'quit';
  text: string;
}

export interface AnswerPromptConfig {
  request: AnswerRequest;
  /** The countdown ticks through this clock (a fake one in tests). */
  clock: Pick<Clock, 'now' | 'sleep'>;
  color: ChalkInstance;
  /** The terminal the screen is drawn on: its size, and its `resize` events. */
  screen: {
    columns?: number;
    rows?: number;
    write(text: string): unknown;
    on(event: 'resize', listener: () => void): unknown;
    off(event: 'resize', listener: () => void): unknown;
  };
  onDraft(text: string): void;
  onHint(): string | null;
  /** A warning to show under the answer (e.g. saving failed); read on every render. */
  notice?: () => string | null;
}

/** The answer being edited: finished lines above the cursor's line, that line (readline's), lines below. */
interface Buffer {
  before: string[];
  line: string;
  cursor: number;
  after: string[];
}

type MutableLine = { line: string; cursor: number; historySize?: number };

const COMMANDS = new Set(['/done', '/hint', '/skip', '/quit']);
const TICK_MS = 200;

export function bufferText(buffer: Buffer): string {
  return [...buffer.before, buffer.line, ...buffer.after].join('\n');
}

/** What the clock shows, as a string that changes exactly when the screen must. */
function clockKey(request: AnswerRequest, now: number): string {
  return JSON.stringify(clockView(request.deadline, request, now));
}

function bufferFromText(text: string): Buffer {
  const lines = text.split('\n');
  const line = lines.pop() ?? '';
  return { before: lines, line, cursor: line.length, after: [] };
}

/**
 * The timed multi-line answer prompt. Readline edits the cursor's line; this prompt keeps the
 * other lines, so Enter opens a new line, Backspace at the start of a line joins it to the one
 * above, and the arrows move between lines. The countdown runs inside the prompt, so time-out
 * resolves with the text typed so far instead of aborting (an aborted prompt loses its text).
 */
export const answerPrompt = createPrompt<AnswerPromptResult, AnswerPromptConfig>((config, done) => {
  const { request } = config;
  const buffer = useRef<Buffer>(bufferFromText(request.draft));
  const hints = useRef<string[]>(request.hintsShown);
  const finished = useRef(false);
  const [, setVersion] = useState(0);
  const [, setShownClock] = useState('');
  const rerender = () => setVersion((version) => version + 1);

  const finish = (action: AnswerPromptResult['action']) => {
    if (finished.current) return;
    finished.current = true;
    // Trailing blank lines (left by an Enter before submitting) are not part of the answer.
    done({ action, text: bufferText(buffer.current).replace(/\n+$/, '') });
  };
  const update = (next: Buffer) => {
    const changed = bufferText(next) !== bufferText(buffer.current);
    buffer.current = next;
    if (changed) config.onDraft(bufferText(next));
    rerender();
  };
  const revealHint = () => {
    const hint = config.onHint();
    if (hint !== null) hints.current = [...hints.current, hint];
    rerender();
  };

  // Start-up: hand readline the cursor's line of a resumed draft; no history (arrows move lines).
  useEffect((rl) => {
    const line = rl as unknown as MutableLine;
    line.historySize = 0;
    line.line = buffer.current.line;
    line.cursor = buffer.current.cursor;
    rerender();
  }, []);

  // The countdown: re-render when the clock on screen changes; resolve at the (hard) deadline.
  useEffect(() => {
    const stop = new AbortController();
    const tick = async () => {
      for (;;) {
        await config.clock.sleep(TICK_MS, stop.signal);
        const now = config.clock.now();
        const hardAt = request.deadline?.hardAt ?? null;
        if (hardAt !== null && now >= hardAt) return finish('timeout');
        setShownClock(clockKey(request, now));
      }
    };
    tick().catch(() => {});
    return () => stop.abort();
  }, []);

  // A resized terminal re-wraps everything: start from a clean screen.
  useEffect(() => {
    const onResize = () => {
      config.screen.write('\u001b[2J\u001b[H');
      rerender();
    };
    config.screen.on('resize', onResize);
    return () => {
      config.screen.off('resize', onResize);
    };
  }, []);

  useKeypress((key: KeypressEvent & { meta?: boolean }, rl) => {
    if (finished.current) return;
    const line = rl as unknown as MutableLine;
    // Readline has already applied the key to its line; `prev` is the buffer before the key.
    const prev = buffer.current;
    const setLine = (text: string, cursor: number) => {
      line.line = text;
      line.cursor = cursor;
    };

    if (key.ctrl && key.name === 's') return finish('submit');
    if (key.ctrl && key.name === 'x') return finish('skip');
    if (key.ctrl && key.name === 't') return revealHint();

    if (isEnterKey(key)) {
      // Readline emitted the line and emptied its buffer: the line is still in `prev`.
      const command = prev.line.trim().toLowerCase();
      if (command === '/hint') {
        // The command's line becomes an empty line to go on typing in.
        setLine('', 0);
        update({ ...prev, line: '', cursor: 0 });
        return revealHint();
      }
      if (COMMANDS.has(command)) {
        buffer.current = {
          before: [...prev.before, ...prev.after],
          line: '',
          cursor: 0,
          after: [],
        };
        buffer.current.line = buffer.current.before.pop() ?? '';
        return finish(command === '/done' ? 'submit' : command === '/skip' ? 'skip' : 'quit');
      }
      const head = prev.line.slice(0, prev.cursor);
      const tail = prev.line.slice(prev.cursor);
      setLine(tail, 0);
      return update({
        before: [...prev.before, head],
        line: tail,
        cursor: 0,
        after: prev.after,
      });
    }
    if (isBackspaceKey(key) && prev.cursor === 0 && prev.before.length > 0) {
      const above = prev.before.at(-1) ?? '';
      setLine(above + prev.line, above.length);
      return update({
        before: prev.before.slice(0, -1),
        line: above + prev.line,
        cursor: above.length,
        after: prev.after,
      });
    }
    if (key.name === 'delete' && prev.cursor === prev.line.length && prev.after.length > 0) {
      const joined = prev.line + (prev.after[0] ?? '');
      setLine(joined, prev.cursor);
      return update({ ...prev, line: joined, after: prev.after.slice(1) });
    }
    if (isUpKey(key) && prev.before.length > 0) {
      const above = prev.before.at(-1) ?? '';
      const cursor = Math.min(prev.cursor, above.length);
      setLine(above, cursor);
      return update({
        before: prev.before.slice(0, -1),
        line: above,
        cursor,
        after: [prev.line, ...prev.after],
      });
    }
    if (isDownKey(key) && prev.after.length > 0) {
      const below = prev.after[0] ?? '';
      const cursor = Math.min(prev.cursor, below.length);
      setLine(below, cursor);
      return update({
        before: [...prev.before, prev.line],
        line: below,
        cursor,
        after: prev.after.slice(1),
      });
    }
    if (isUpKey(key) || isDownKey(key)) {
      // Nothing above/below: keep the line as it was (readline's history is off, but be sure).
      setLine(prev.line, prev.cursor);
      return rerender();
    }
    if (key.name === 'tab') {
      // A tab would throw the cursor arithmetic off; two spaces do the same job on screen.
      const text = `${prev.line.slice(0, prev.cursor)}  ${prev.line.slice(prev.cursor)}`;
      setLine(text, prev.cursor + 2);
      return update({ ...prev, line: text, cursor: prev.cursor + 2 });
    }
    // Readline inserts as text what it does not read as a key: a pasted 8-bit control (U+009B
    // is a CSI to many terminals) or DEL would act on the screen each time the line is drawn.
    const head = sanitizeText(line.line.slice(0, line.cursor));
    const text = head + sanitizeText(line.line.slice(line.cursor));
    if (text !== line.line) setLine(text, head.length);
    return update({ ...prev, line: text, cursor: head.length });
  });

  const now = config.clock.now();
  const current = buffer.current;
  const text = bufferText(current);
  const { content, bottom } = layoutQuestionScreen(
    {
      number: request.number,
      total: request.total,
      categoryTitle: request.question.categoryTitle,
      difficulty: request.question.difficulty,
      kind: request.question.kind,
      tags: request.question.tags,
      prompt: request.question.prompt,
      hintsShown: hints.current,
      hintsLeft: request.hintsTotal - hints.current.length,
      hintsEnabled: request.hintsEnabled,
      before: current.before,
      line: current.line,
      after: current.after,
      followUp: request.followUp,
      clock: clockView(request.deadline, request, now),
      words: countWords(text),
      notice: config.notice?.() ?? null,
    },
    { width: config.screen.columns || 80, height: config.screen.rows || 24 },
    config.color,
  );
  return [content, bottom];
});
