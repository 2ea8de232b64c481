import { StringDecoder } from 'node:string_decoder';
import type { ChalkInstance } from 'chalk';
import { countWords } from '../core/text.js';
import type { AnswerRequest } from '../interview/ports.js';
import type { Clock } from '../io/clock.js';
import type { TerminalStream } from '../io/output.js';
import type { AnswerEditor } from './answer-editor.js';
import { createAnswerEditor } from './answer-editor.js';
import { displayWidth, expandTabs } from './display-width.js';
import type { InputEvent } from './key-decoder.js';
import { createKeyDecoder } from './key-decoder.js';
import type { ScreenFrame } from './question-screen.js';
import { ANSWER_GUTTER, clockView, layoutQuestionScreen } from './question-screen.js';
import { wrapRows } from './text-wrap.js';

/** How the answer box ended. `interrupted`: Ctrl-C or a signal; `closed`: the terminal went away. */
export interface AnswerPromptResult {
  action: 'submit' | 'skip' | 'timeout' | 'quit' | 'interrupted' | 'closed';
  text: string;
}

/** The keyboard side of the terminal, in raw mode while the box is up. */
export type TerminalInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/**
 * Stopping and continuing the process (Ctrl-Z, `fg`). The real one stops the whole job with
 * SIGTSTP; tests pass their own.
 */
export interface JobControl {
  /** Stops the process (returns once it is continued, or at once if it cannot stop). */
  stop(): void;
  /** Calls `listener` when the process is continued; returns the unsubscribe. */
  onContinue(listener: () => void): () => void;
  /** Calls `listener` when something asks the process to stop (SIGTSTP from `kill`); returns the unsubscribe. */
  onStopRequest(listener: () => void): () => void;
}

export interface AnswerPromptConfig {
  request: AnswerRequest;
  input: TerminalInput;
  output: TerminalStream;
  clock: Pick<Clock, 'now' | 'sleep'>;
  color: ChalkInstance;
  signal: AbortSignal;
  jobControl: JobControl;
  /** Called with the whole answer at most every DRAFT_INTERVAL_MS while it changes, and on every way out. */
  onDraft(text: string): void;
  onHint(): string | null;
  /** Writes the draft mirrored out to disk now; awaited before the process stops. */
  flush?(): Promise<unknown>;
  /** A warning to show under the answer (e.g. saving failed); read on every frame. */
  notice?: () => string | null;
  /** Called once the terminal turned out to be gone (EIO or EPIPE), so that nothing else writes to it. */
  onTerminalLost?: () => void;
}

const COMMANDS = new Set(['/done', '/hint', '/skip', '/quit']);
/** How often the clock is looked at. */
const TICK_MS = 200;
/** The answer is mirrored out (for autosave) at most this often while it changes. */
export const DRAFT_INTERVAL_MS = 200;
/** How long "time's up" stays on screen, the answer frozen and keys dropped, before moving on. */
export const TIME_UP_PAUSE_MS = 1200;
/** After asking to stop, the box comes back by itself this soon if the process did not stop. */
const RESUME_CHECK_MS = 50;
/** A lone ESC is the Escape key if nothing follows it within this time. */
const ESCAPE_WAIT_MS = 50;

const CSI = '\u001b[';
export const BRACKETED_PASTE_ON = `${CSI}?2004h`;
export const BRACKETED_PASTE_OFF = `${CSI}?2004l`;
const HIDE_CURSOR = `${CSI}?25l`;
const SHOW_CURSOR = `${CSI}?25h`;

/** The process's own job control: Ctrl-Z stops the whole job, as the terminal would. */
export const processJobControl: JobControl = {
  stop() {
    // Without a SIGTSTP listener the default action (stop) applies; 0 is our process group.
    try {
      process.kill(0, 'SIGTSTP');
    } catch {
      process.kill(process.pid, 'SIGTSTP');
    }
  },
  onContinue(listener) {
    process.on('SIGCONT', listener);
    return () => process.off('SIGCONT', listener);
  },
  onStopRequest(listener) {
    process.on('SIGTSTP', listener);
    return () => process.off('SIGTSTP', listener);
  },
};

/** True for the errors a terminal that went away gives (a closed window, a hung-up line). */
export function isTerminalGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EIO' || code === 'EPIPE' || code === 'ENXIO' || code === 'EBADF' || code === 'ERR_STREAM_DESTROYED';
}

/** Turns raw mode on or off where the input is a terminal; a terminal that went away calls `onGone` instead of throwing. */
export function setRawModeSafely(input: TerminalInput, mode: boolean, onGone: () => void): void {
  if (!input.isTTY || !input.setRawMode) return;
  try {
    input.setRawMode(mode);
  } catch (error) {
    if (isTerminalGone(error)) onGone();
    else throw error;
  }
}

/**
 * The timed multi-line answer box. It reads the keyboard itself (raw mode, bracketed paste) and
 * keeps the whole answer in its own editor, so every key and every pasted byte lands at the
 * cursor in the order it came, however fast. A frame is drawn at most once per turn of the event
 * loop and only the rows that changed are written; only the answer rows on screen are wrapped.
 * The countdown runs through the clock; at the (hard) deadline "time's up" shows for a moment
 * and the box resolves with the text typed so far.
 */
export function runAnswerPrompt(config: AnswerPromptConfig): Promise<AnswerPromptResult> {
  const { request, input, output, clock, color } = config;
  const editor: AnswerEditor = createAnswerEditor(request.draft);
  const decoder = createKeyDecoder();
  const utf8 = new StringDecoder('utf8');
  let hints = [...request.hintsShown];
  let finished = false;
  let timeUp = false;
  /** Ctrl-Z seen: no frames, no keys, until `fg`. */
  let suspended = false;
  let stopped = false;
  let lost = false;
  let previous: string[] = [];
  let fullRedraw = true;
  let frameQueued = false;
  let words = countWords(request.draft);
  let mirroredVersion = editor.version;
  let draftTimer: AbortController | null = null;
  let escapeTimer: ReturnType<typeof setTimeout> | null = null;
  const stopTicking = new AbortController();
  const cleanups: (() => void)[] = [];

  return new Promise<AnswerPromptResult>((resolve) => {
    const write = (text: string) => {
      if (lost || suspended) return;
      try {
        output.write(text);
      } catch (error) {
        if (isTerminalGone(error)) terminalLost();
        else throw error;
      }
    };
    const setRaw = (mode: boolean) => {
      if (!lost) setRawModeSafely(input, mode, terminalLost);
    };

    const mirrorDraft = () => {
      if (editor.version === mirroredVersion) return;
      mirroredVersion = editor.version;
      const text = editor.text();
      words = countWords(text);
      config.onDraft(text);
    };
    // Leading and trailing: the first change goes out at once, later ones at most every interval.
    const draftChanged = () => {
      if (draftTimer) return;
      mirrorDraft();
      const timer = new AbortController();
      draftTimer = timer;
      clock.sleep(DRAFT_INTERVAL_MS, timer.signal).then(
        () => {
          draftTimer = null;
          if (!finished && editor.version !== mirroredVersion) draftChanged();
        },
        () => {},
      );
    };

    const frame = (): ScreenFrame => {
      const { columns, rows } = output;
      return layoutQuestionScreen(
        {
          number: request.number,
          total: request.total,
          categoryTitle: request.question.categoryTitle,
          difficulty: request.question.difficulty,
          kind: request.question.kind,
          tags: request.question.tags,
          prompt: request.question.prompt,
          hintsShown: hints,
          hintsLeft: request.hintsTotal - hints.length,
          hintsEnabled: request.hintsEnabled,
          answer: { lines: editor.lines, row: editor.row, col: editor.col },
          followUp: request.followUp,
          clock: clockView(request.deadline, request, clock.now()),
          words,
          notice: config.notice?.() ?? null,
          timeUp,
        },
        { width: columns || 80, height: rows || 24 },
        color,
      );
    };
    const render = () => {
      frameQueued = false;
      if (finished || suspended || lost) return;
      const next = frame();
      let out = HIDE_CURSOR;
      if (fullRedraw) out += `${CSI}2J`;
      for (const [i, row] of next.rows.entries()) {
        if (!fullRedraw && previous[i] === row) continue;
        out += `${CSI}${i + 1};1H${row}${CSI}K`;
      }
      if (next.rows.length < previous.length && !fullRedraw) out += `${CSI}${next.rows.length + 1};1H${CSI}J`;
      out += `${CSI}${next.cursor.row + 1};${next.cursor.col + 1}H${SHOW_CURSOR}`;
      previous = next.rows;
      fullRedraw = false;
      write(out);
    };
    const scheduleRender = () => {
      if (frameQueued) return;
      frameQueued = true;
      setImmediate(render);
    };

    const finish = (action: AnswerPromptResult['action']) => {
      if (finished) return;
      // The answer as it stands reaches the runner before anything else can happen.
      mirrorDraft();
      finished = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      stopTicking.abort();
      draftTimer?.abort();
      if (escapeTimer) clearTimeout(escapeTimer);
      write(`${BRACKETED_PASTE_OFF}${CSI}${(previous.length || 1) + 1};1H\n${SHOW_CURSOR}`);
      // Trailing blank lines (left by an Enter before submitting) are not part of the answer.
      resolve({ action, text: editor.text().replace(/\n+$/, '') });
    };

    function terminalLost() {
      if (lost) return;
      lost = true;
      config.onTerminalLost?.();
      finish('closed');
    }

    const revealHint = () => {
      const hint = config.onHint();
      if (hint !== null) {
        hints = [...hints, hint];
        fullRedraw = true;
      }
    };

    /** Up and Down move by screen row, keeping the column, through wrapped lines too. */
    const moveVertically = (direction: -1 | 1) => {
      const width = Math.max(4, (output.columns || 80) - ANSWER_GUTTER.length - 1);
      const rowsOf = (line: string) => (line.length > 8192 ? null : wrapRows(line, width));
      const line = editor.lines[editor.row] ?? '';
      const starts = rowsOf(line);
      if (!starts) {
        // A very long line: move by a row's worth of text.
        const to = editor.col + direction * width;
        if (to >= 0 && to <= line.length) return editor.moveTo(editor.row, to);
      }
      const rows = starts ?? [0];
      let k = 0;
      while (k + 1 < rows.length && (rows[k + 1] ?? 0) <= editor.col) k++;
      const column = displayWidth(expandTabs(line.slice(rows[k] ?? 0, editor.col)));
      const place = (text: string, start: number, end: number) => {
        let at = start;
        while (at < end && displayWidth(expandTabs(text.slice(start, at + 1))) <= column) at++;
        return at;
      };
      const target = k + direction;
      if (target >= 0 && target < rows.length) {
        const end = target + 1 < rows.length ? (rows[target + 1] ?? line.length) - 1 : line.length;
        return editor.moveTo(editor.row, place(line, rows[target] ?? 0, Math.max(rows[target] ?? 0, end)));
      }
      const otherRow = editor.row + direction;
      if (otherRow < 0 || otherRow >= editor.lines.length) return;
      const other = editor.lines[otherRow] ?? '';
      const otherStarts = rowsOf(other) ?? [direction < 0 ? Math.max(0, other.length - width) : 0];
      const index = direction < 0 ? otherStarts.length - 1 : 0;
      const start = otherStarts[index] ?? 0;
      const end = index + 1 < otherStarts.length ? (otherStarts[index + 1] ?? other.length) - 1 : other.length;
      editor.moveTo(otherRow, place(other, start, Math.max(start, end)));
    };

    const onEnter = () => {
      const command = (editor.lines[editor.row] ?? '').trim().toLowerCase();
      if (COMMANDS.has(command)) {
        if (command === '/hint') {
          editor.clearLine();
          return revealHint();
        }
        editor.removeLine();
        return finish(command === '/done' ? 'submit' : command === '/skip' ? 'skip' : 'quit');
      }
      editor.newline();
    };

    const apply = (event: InputEvent) => {
      if (event.kind === 'text' || event.kind === 'paste') return editor.insert(event.text);
      if (event.kind === 'meta') {
        if (event.char === 'b') return editor.wordLeft();
        if (event.char === 'f') return editor.wordRight();
        if (event.char === 'd') return editor.deleteForward();
        return;
      }
      if (event.kind === 'ctrl') {
        switch (event.letter) {
          case 'c':
            return finish('interrupted');
          case 's':
            return finish('submit');
          case 'x':
            return finish('skip');
          case 't':
            return revealHint();
          case 'z':
            return suspend();
          case 'a':
            return editor.lineStart();
          case 'e':
            return editor.lineEnd();
          case 'b':
            return editor.left();
          case 'f':
            return editor.right();
          case 'w':
            return editor.deleteWordBack();
          case 'u':
            return editor.deleteToLineStart();
          case 'k':
            return editor.deleteToLineEnd();
          case 'l':
            fullRedraw = true;
            return;
          default:
            return;
        }
      }
      switch (event.name) {
        case 'enter':
          return event.meta ? finish('submit') : onEnter();
        case 'backspace':
          return event.meta ? editor.deleteWordBack() : editor.backspace();
        case 'delete':
          return editor.deleteForward();
        case 'tab':
          return editor.insert('  ');
        case 'left':
          return event.ctrl || event.meta ? editor.wordLeft() : editor.left();
        case 'right':
          return event.ctrl || event.meta ? editor.wordRight() : editor.right();
        case 'home':
          return editor.lineStart();
        case 'end':
          return editor.lineEnd();
        case 'up':
          return moveVertically(-1);
        case 'down':
          return moveVertically(1);
        default:
          return;
      }
    };

    const handle = (events: InputEvent[]) => {
      if (timeUp) return;
      const version = editor.version;
      for (const event of events) {
        if (finished || suspended) return;
        apply(event);
      }
      if (finished) return;
      if (editor.version !== version) draftChanged();
      scheduleRender();
    };
    const onData = (chunk: Buffer | string) => {
      if (finished) return;
      if (escapeTimer) {
        clearTimeout(escapeTimer);
        escapeTimer = null;
      }
      handle(decoder.feed(typeof chunk === 'string' ? chunk : utf8.write(chunk)));
      if (decoder.pending && !finished) {
        escapeTimer = setTimeout(() => {
          escapeTimer = null;
          handle(decoder.flush());
        }, ESCAPE_WAIT_MS);
      }
    };

    // Ctrl-Z or SIGTSTP: keep the draft, give the terminal back as it was, stop; `fg` resumes.
    function suspend() {
      if (suspended || finished) return;
      mirrorDraft();
      suspended = true;
      // Keys typed while the draft is written are kept in the stream (paused) for after `fg`.
      input.pause();
      const flushed = config.flush?.() ?? Promise.resolve();
      flushed.then(stopNow, stopNow);
    }
    function stopNow() {
      if (finished) return;
      suspended = false;
      write(`${BRACKETED_PASTE_OFF}${CSI}${(previous.length || 1) + 1};1H\n${SHOW_CURSOR}`);
      setRaw(false);
      suspended = true;
      stopped = true;
      unsubscribeStop();
      config.jobControl.stop();
      // Stopped, this runs after `fg`. Where stopping is not possible (no job control: the kernel
      // drops SIGTSTP for an orphaned process group), it brings the box back at once.
      setTimeout(resume, RESUME_CHECK_MS);
    }
    const resume = () => {
      if (!stopped || finished) return;
      stopped = false;
      suspended = false;
      unsubscribeStop = config.jobControl.onStopRequest(suspend);
      setRaw(true);
      input.resume();
      write(BRACKETED_PASTE_ON);
      fullRedraw = true;
      // The clock kept running while stopped: the next tick ends the answer if its time is up.
      scheduleRender();
    };

    const onInputError = (error: unknown) => {
      if (isTerminalGone(error)) terminalLost();
    };
    const onEnd = () => terminalLost();
    const onResize = () => {
      fullRedraw = true;
      scheduleRender();
    };
    const onAbort = () => finish('interrupted');

    input.on('data', onData);
    input.on('error', onInputError);
    input.on('end', onEnd);
    output.on('error', onInputError);
    output.on('resize', onResize);
    config.signal.addEventListener('abort', onAbort, { once: true });
    let unsubscribeStop = config.jobControl.onStopRequest(suspend);
    const unsubscribeContinue = config.jobControl.onContinue(resume);
    cleanups.push(
      () => input.off('data', onData),
      () => input.off('error', onInputError),
      () => input.off('end', onEnd),
      () => output.off('error', onInputError),
      () => output.off('resize', onResize),
      () => config.signal.removeEventListener('abort', onAbort),
      () => unsubscribeStop(),
      unsubscribeContinue,
    );
    if (config.signal.aborted) return finish('interrupted');

    setRaw(true);
    input.resume();
    write(BRACKETED_PASTE_ON);
    render();

    // The countdown: a frame when the clock on screen changes; at the hard deadline, time's up.
    const tick = async () => {
      let shown = '';
      for (;;) {
        await clock.sleep(TICK_MS, stopTicking.signal);
        if (finished) return;
        const now = clock.now();
        const hardAt = request.deadline?.hardAt ?? null;
        if (hardAt !== null && now >= hardAt && !suspended) {
          // Time's up: the answer freezes and stays on screen a moment; keys typed now are dropped.
          timeUp = true;
          mirrorDraft();
          scheduleRender();
          await clock.sleep(TIME_UP_PAUSE_MS, stopTicking.signal);
          return finish('timeout');
        }
        const key = JSON.stringify([clockView(request.deadline, request, now), config.notice?.() ?? null]);
        if (key !== shown) {
          shown = key;
          scheduleRender();
        }
      }
    };
    tick().catch(() => {});
  });
}
