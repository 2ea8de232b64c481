import { describe, expect, it } from 'vitest';
import { colorLevel, createOutput, loadColor, NO_COLOR } from '../../src/io/output.js';

describe('colorLevel', () => {
  it.each([
    ['a terminal', { isTTY: true }, {}, 1],
    ['a pipe', { isTTY: false }, {}, 0],
    ['NO_COLOR on a terminal', { isTTY: true }, { NO_COLOR: '1' }, 0],
    ['an empty NO_COLOR is no opinion', { isTTY: true }, { NO_COLOR: '' }, 1],
    ['NO_COLOR beats FORCE_COLOR', { isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '3' }, 0],
    ['FORCE_COLOR into a pipe', { isTTY: false }, { FORCE_COLOR: '1' }, 1],
    ['FORCE_COLOR=3', { isTTY: false }, { FORCE_COLOR: '3' }, 3],
    ['FORCE_COLOR=0', { isTTY: true }, { FORCE_COLOR: '0' }, 0],
    ['TERM=dumb', { isTTY: true }, { TERM: 'dumb' }, 0],
    ['256 colours', { isTTY: true }, { TERM: 'xterm-256color' }, 2],
    ['truecolor', { isTTY: true }, { COLORTERM: 'truecolor' }, 3],
  ])('%s', (_name, stream, env, level) => {
    expect(colorLevel(stream, env)).toBe(level);
  });

  it('gives a terminal that reports 0 columns a usable width', () => {
    const out = createOutput({ write: () => true, isTTY: true, columns: 0, rows: 0 });
    expect([out.columns, out.rows]).toEqual([80, 24]);
  });

  it('without colour, styles leave text untouched, chained or not, like chalk at level 0', async () => {
    const plain = await loadColor({ isTTY: false }, {});
    expect(plain).toBe(NO_COLOR);
    expect(plain.red.bold('late')).toBe('late');
    expect(plain.dim('a', 'b')).toBe('a b');
    expect(plain.level).toBe(0);
    expect(await loadColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(NO_COLOR);
  });

  it("with colour, styles come from chalk at the stream's level", async () => {
    const colored = await loadColor({ isTTY: true }, { TERM: 'xterm' });
    expect(colored.level).toBe(1);
    expect(colored.red('late')).toBe('\u001b[31mlate\u001b[39m');
    const forced = await loadColor({ isTTY: false }, { FORCE_COLOR: '3' });
    expect(forced.level).toBe(3);
  });
});
