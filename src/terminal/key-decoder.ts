// Turns what a terminal sends in raw mode into keys and text, in order. A run of printable
// characters (fast typing, a paste without bracketed paste mode) comes out as one `text` event,
// and a bracketed paste as one `paste` event, so that a burst costs one edit, not one per byte.

export type KeyName =
  | 'enter'
  | 'backspace'
  | 'delete'
  | 'tab'
  | 'escape'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'pageup'
  | 'pagedown';

export type InputEvent =
  | { kind: 'text'; text: string }
  /** A bracketed paste: line breaks (CR, CRLF, LF) are all `\n`. */
  | { kind: 'paste'; text: string }
  | { kind: 'key'; name: KeyName; ctrl?: boolean; meta?: boolean }
  /** Ctrl + a letter (`a` for Ctrl-A), other than the ones named above (Enter, Tab, Backspace). */
  | { kind: 'ctrl'; letter: string }
  /** Alt (Meta) + a printable character, as terminals send it: ESC then the character. */
  | { kind: 'meta'; char: string };

const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';

const CSI_KEYS: Record<string, KeyName> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  '1~': 'home',
  '7~': 'home',
  '4~': 'end',
  '8~': 'end',
  '3~': 'delete',
  '5~': 'pageup',
  '6~': 'pagedown',
};

export interface KeyDecoder {
  /** Decodes one chunk; an escape or a paste cut off at the end of a chunk is kept for the next. */
  feed(chunk: string): InputEvent[];
  /** True while a lone ESC (or the start of a sequence) waits for more input. */
  readonly pending: boolean;
  /** Gives up waiting: a lone ESC becomes the Escape key. */
  flush(): InputEvent[];
}

export function createKeyDecoder(): KeyDecoder {
  let rest = '';
  let paste: string[] | null = null;

  const decode = (input: string, final: boolean): InputEvent[] => {
    const events: InputEvent[] = [];
    let text = '';
    const pushText = () => {
      if (text !== '') events.push({ kind: 'text', text });
      text = '';
    };
    let i = 0;
    while (i < input.length) {
      if (paste) {
        const end = input.indexOf(PASTE_END, i);
        if (end === -1) {
          // Keep a possible start of the end marker for the next chunk.
          const keep = partialSuffix(input.slice(i), PASTE_END);
          paste.push(input.slice(i, input.length - keep));
          rest = input.slice(input.length - keep);
          return events;
        }
        paste.push(input.slice(i, end));
        events.push({ kind: 'paste', text: paste.join('').replace(/\r\n?/g, '\n') });
        paste = null;
        i = end + PASTE_END.length;
        continue;
      }
      const code = input.charCodeAt(i);
      if (code >= 0x20 && code !== 0x7f) {
        // Printable (any Unicode above the controls, except the 8-bit controls, which are dropped).
        let j = i;
        while (j < input.length) {
          const c = input.charCodeAt(j);
          if (c < 0x20 || c === 0x7f) break;
          j++;
        }
        text += input.slice(i, j).replace(/[\u0080-\u009f]/g, '');
        i = j;
        continue;
      }
      if (code === 0x1b) {
        const sequence = readEscape(input, i);
        if (sequence === null) {
          if (!final) {
            pushText();
            rest = input.slice(i);
            return events;
          }
          pushText();
          events.push({ kind: 'key', name: 'escape' });
          i = input.length;
          continue;
        }
        i += sequence.length;
        if (sequence === PASTE_START) {
          pushText();
          paste = [];
          continue;
        }
        const event = escapeEvent(sequence);
        if (event) {
          pushText();
          events.push(event);
        }
        continue;
      }
      pushText();
      i++;
      if (code === 0x0d) {
        // CR, or CRLF sent as one Enter.
        if (input.charCodeAt(i) === 0x0a) i++;
        events.push({ kind: 'key', name: 'enter' });
      } else if (code === 0x0a) events.push({ kind: 'key', name: 'enter' });
      else if (code === 0x09) events.push({ kind: 'key', name: 'tab' });
      else if (code === 0x7f || code === 0x08) events.push({ kind: 'key', name: 'backspace' });
      else if (code === 0x00) continue;
      else if (code < 0x1b) events.push({ kind: 'ctrl', letter: String.fromCharCode(code + 0x60) });
      // 0x1c-0x1f (Ctrl-\ and friends): nothing.
    }
    pushText();
    rest = '';
    return events;
  };

  return {
    feed(chunk) {
      return decode(rest + chunk, false);
    },
    get pending() {
      return rest !== '' && paste === null;
    },
    flush() {
      if (rest === '' || paste) return [];
      const input = rest;
      rest = '';
      return decode(input, true);
    },
  };
}

/** The escape sequence starting at `start`, or null when the input ends before it does. */
function readEscape(input: string, start: number): string | null {
  const next = input[start + 1];
  if (next === undefined) return null;
  if (next === '[') {
    // CSI: parameters and intermediates, then a final byte in @..~.
    let j = start + 2;
    while (j < input.length) {
      const c = input.charCodeAt(j);
      if (c >= 0x40 && c <= 0x7e) return input.slice(start, j + 1);
      if (c < 0x20 || c > 0x3f) return input.slice(start, j);
      j++;
    }
    return null;
  }
  if (next === 'O') {
    const final = input[start + 2];
    return final === undefined ? null : input.slice(start, start + 3);
  }
  if (next === ']' || next === 'P' || next === 'X' || next === '^' || next === '_') {
    // A string sequence (OSC, DCS...), never typed: taken whole up to BEL or ST, and dropped.
    for (let j = start + 2; j < input.length; j++) {
      if (input[j] === '\u0007') return input.slice(start, j + 1);
      if (input[j] === '\u001b' && input[j + 1] === '\\') return input.slice(start, j + 2);
    }
  }
  // ESC + a character: Alt + that key (ESC ESC is one Escape, then the rest).
  const point = input.codePointAt(start + 1) ?? 0;
  return input.slice(start, start + 2 + (point > 0xffff ? 1 : 0));
}

function escapeEvent(sequence: string): InputEvent | null {
  // A whole string sequence (OSC, DCS...): never a key.
  if (sequence.length > 2 && ']PX^_'.includes(sequence[1] ?? '') && sequence[0] === '\u001b') return null;
  if (sequence.startsWith('\u001b[')) {
    const body = sequence.slice(2);
    // Modifiers: ESC [ 1 ; 5 C (Ctrl-Right), ESC [ 3 ; 5 ~ ...
    const modified = /^(\d*)(?:;(\d+))?([A-Za-z~])$/.exec(body);
    if (!modified) return null;
    const [, number = '', modifier = '1', final = ''] = modified;
    // A letter key is ESC [ A or ESC [ 1 ; m A; anything else (ESC [ 7 ; 7 H is a cursor move, not a key) is dropped.
    if (final !== '~' && number !== '' && number !== '1') return null;
    const name = CSI_KEYS[final === '~' ? `${number}~` : final];
    if (!name) return null;
    const bits = Number(modifier) - 1;
    return { kind: 'key', name, ...(bits & 4 ? { ctrl: true } : {}), ...(bits & 2 ? { meta: true } : {}) };
  }
  if (sequence.startsWith('\u001bO')) {
    const name = CSI_KEYS[sequence.slice(2)];
    return name ? { kind: 'key', name } : null;
  }
  const char = sequence.slice(1);
  if (char === '\u001b') return { kind: 'key', name: 'escape' };
  if (char === '\r' || char === '\n') return { kind: 'key', name: 'enter', meta: true };
  if (char === '\u007f' || char === '\b') return { kind: 'key', name: 'backspace', meta: true };
  if (char.charCodeAt(0) < 0x20) return null;
  return { kind: 'meta', char };
}

/** How many characters at the end of `text` could begin `marker`. */
function partialSuffix(text: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) if (marker.startsWith(text.slice(text.length - n))) return n;
  return 0;
}
