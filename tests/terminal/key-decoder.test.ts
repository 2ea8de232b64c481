import { describe, expect, it } from 'vitest';
import type { InputEvent } from '../../src/terminal/key-decoder.js';
import { createKeyDecoder } from '../../src/terminal/key-decoder.js';

const decode = (...chunks: string[]): InputEvent[] => {
  const decoder = createKeyDecoder();
  return [...chunks.flatMap((chunk) => decoder.feed(chunk)), ...decoder.flush()];
};

describe('the key decoder', () => {
  it.each<[string, string[], InputEvent[]]>([
    ['a run of text is one event', ['hello world'], [{ kind: 'text', text: 'hello world' }]],
    [
      'keys between text keep their place',
      ['ab\u001b[Dc\u001b[H!'],
      [
        { kind: 'text', text: 'ab' },
        { kind: 'key', name: 'left' },
        { kind: 'text', text: 'c' },
        { kind: 'key', name: 'home' },
        { kind: 'text', text: '!' },
      ],
    ],
    [
      'CR, LF and CRLF are one Enter each',
      ['a\rb\nc\r\nd'],
      [
        { kind: 'text', text: 'a' },
        { kind: 'key', name: 'enter' },
        { kind: 'text', text: 'b' },
        { kind: 'key', name: 'enter' },
        { kind: 'text', text: 'c' },
        { kind: 'key', name: 'enter' },
        { kind: 'text', text: 'd' },
      ],
    ],
    [
      'a bracketed paste is one event, its line breaks as LF',
      ['\u001b[200~one\r\ntwo\rthree\u001b[201~'],
      [{ kind: 'paste', text: 'one\ntwo\nthree' }],
    ],
    [
      'a paste split anywhere, its end marker too',
      ['\u001b[20', '0~one ', 'two\u001b[2', '01~x'],
      [
        { kind: 'paste', text: 'one two' },
        { kind: 'text', text: 'x' },
      ],
    ],
    [
      'an escape split across chunks',
      ['a\u001b', '[Db'],
      [
        { kind: 'text', text: 'a' },
        { kind: 'key', name: 'left' },
        { kind: 'text', text: 'b' },
      ],
    ],
    [
      'control keys',
      ['\u0013\u0014\u007f\t'],
      [
        { kind: 'ctrl', letter: 's' },
        { kind: 'ctrl', letter: 't' },
        { kind: 'key', name: 'backspace' },
        { kind: 'key', name: 'tab' },
      ],
    ],
    [
      'modified keys',
      ['\u001b[1;5C\u001b[3~\u001bb'],
      [
        { kind: 'key', name: 'right', ctrl: true },
        { kind: 'key', name: 'delete' },
        { kind: 'meta', char: 'b' },
      ],
    ],
    [
      'sequences that are not keys are dropped whole: a cursor move, an OSC, 8-bit controls',
      ['a\u001b[7;7Hb\u001b]52;c;eA==\u0007c\u009b2Jd'],
      [{ kind: 'text', text: 'abc2Jd' }],
    ],
    ['a lone ESC is Escape once nothing follows', ['\u001b'], [{ kind: 'key', name: 'escape' }]],
    ['wide and astral characters are text', ['日本🙂'], [{ kind: 'text', text: '日本🙂' }]],
  ])('%s', (_name, chunks, events) => {
    expect(decode(...chunks)).toEqual(events);
  });
});
