#!/usr/bin/env node
// The answer box's cost per keystroke, keystroke to frame, in-process: the built box
// (dist/terminal/answer-prompt.js) on a fake 100x30 terminal, with a draft of 300, 3,000 and
// 10,000 words on one line and on many lines, and a 100 KB paste arriving in 4 KB chunks as a
// pseudo-terminal delivers it. Each case is a ratio to a limit script that does only the
// irreducible work (take the chunk, keep it, draw one full frame on the next turn of the event
// loop); rounds are interleaved, figures are medians. Prints JSON: used by scripts/bench.js.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { runAnswerPrompt } = await import(join(ROOT, 'dist/terminal/answer-prompt.js'));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const KEYS_PER_ROUND = 40;
const COLUMNS = 100;
const ROWS = 30;

// A clock that never ticks: the countdown and the draft throttle stay out of the measurement.
const clock = {
  now: () => 0,
  sleep: (_ms, signal) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
};
const noJobControl = { stop() {}, onContinue: () => () => {}, onStopRequest: () => () => {} };
const plain = new Proxy((text) => text, { get: (target, name) => (name === 'level' ? 0 : name === 'then' ? undefined : target) });
const question = {
  id: 'q',
  setId: 's',
  category: 'c',
  categoryTitle: 'Category',
  difficulty: 'medium',
  kind: 'conceptual',
  tags: ['bench'],
  prompt: 'Explain the trade-offs of this design, with an example, in your own words.',
  hints: [],
  keyPoints: [],
  redFlags: [],
  notes: null,
};

function fakeTerminal() {
  const input = Object.assign(new EventEmitter(), { isTTY: true, setRawMode() {}, pause() {}, resume() {} });
  let onFrame = null;
  const output = Object.assign(new EventEmitter(), {
    isTTY: true,
    columns: COLUMNS,
    rows: ROWS,
    write() {
      onFrame?.();
      return true;
    },
  });
  const nextFrame = () =>
    new Promise((resolve) => {
      onFrame = () => {
        onFrame = null;
        resolve();
      };
    });
  return { input, output, nextFrame };
}

/** Opens the box on `draft` and returns a function that sends one chunk and waits for its frame (ms). */
async function openBox(draft) {
  const { input, output, nextFrame } = fakeTerminal();
  const controller = new AbortController();
  const first = nextFrame();
  runAnswerPrompt({
    request: {
      question,
      number: 1,
      total: 1,
      followUp: null,
      draft,
      hintsShown: [],
      hintsTotal: 0,
      hintsEnabled: false,
      deadline: null,
      startedAt: 0,
      timeUsedBeforeMs: 0,
    },
    input,
    output,
    clock,
    color: plain,
    signal: controller.signal,
    jobControl: noJobControl,
    onDraft() {},
    onHint: () => null,
  });
  await first;
  const send = async (chunks) => {
    const frame = nextFrame();
    const start = process.hrtime.bigint();
    for (const chunk of chunks) input.emit('data', Buffer.from(chunk));
    await frame;
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  return { send, close: () => controller.abort() };
}

/** The irreducible work: keep the chunk, then draw one full frame on the next turn of the loop. */
async function openLimit(draft) {
  const { output, nextFrame } = fakeTerminal();
  let text = draft;
  const row = 'x'.repeat(COLUMNS - 1);
  const send = async (chunks) => {
    const frame = nextFrame();
    const start = process.hrtime.bigint();
    for (const chunk of chunks) text += chunk;
    setImmediate(() => {
      let out = '\u001b[?25l';
      for (let i = 0; i < ROWS; i++) out += `\u001b[${i + 1};1H${row}\u001b[K`;
      output.write(`${out}\u001b[${ROWS};1H\u001b[?25h${text.length > 0 ? '' : ' '}`);
    });
    await frame;
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  return { send, close() {} };
}

const words = (count, perLine) => {
  const out = [];
  for (let i = 0; i < count; i++) out.push(`word${i % 97}`, (i + 1) % perLine === 0 ? '\n' : ' ');
  return out.join('').trimEnd();
};
const paragraph = `${'reward hacking happens when the proxy diverges from intent '.repeat(20)}\r`;
const paste = paragraph.repeat(Math.ceil(100_000 / paragraph.length));
const pasteChunks = [];
const bracketed = `\u001b[200~${paste}\u001b[201~`;
for (let i = 0; i < bracketed.length; i += 4096) pasteChunks.push(bracketed.slice(i, i + 4096));

const cases = [];
for (const count of [300, 3000, 10_000]) {
  cases.push({
    name: `keystroke, ${count.toLocaleString('en')} words on one line`,
    draft: words(count, Number.POSITIVE_INFINITY),
    keys: true,
  });
  cases.push({ name: `keystroke, ${count.toLocaleString('en')} words on many lines`, draft: words(count, 12), keys: true });
}
cases.push({ name: '100 KB paste (4 KB chunks) to its frame', draft: '', keys: false });

const box = cases.map(() => []);
const limit = cases.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, benchCase] of cases.entries()) {
    for (const [open, samples] of [
      [openBox, box],
      [openLimit, limit],
    ]) {
      const session = await open(benchCase.draft);
      if (benchCase.keys) {
        const times = [];
        for (let k = 0; k < KEYS_PER_ROUND; k++) times.push(await session.send([String.fromCharCode(97 + (k % 26))]));
        samples[i].push(median(times));
      } else samples[i].push(await session.send(pasteChunks));
      session.close();
    }
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

console.log(
  JSON.stringify(
    cases.map((benchCase, i) => ({
      name: benchCase.name,
      ms: median(box[i]),
      limitMs: median(limit[i]),
      ratio: median(box[i]) / median(limit[i]),
    })),
  ),
);
