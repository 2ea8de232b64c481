import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countFillers, topContentWords } from '../../src/core/insights.js';
import { localeWordOrder, plainWordOrder } from '../../src/core/word-order.js';
import { wordOrderFor } from '../../src/io/collation.js';

// Words that tie in the insights are ordered as localeCompare orders them; plainWordOrder gets
// the same order without ICU's collator for plain words, where the collation is root, English or POSIX.

const sign = (n: number) => Math.sign(n);
const plainWord = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789' "), maxLength: 8 });
const anyWord = fc.oneof(plainWord, fc.string({ unit: fc.constantFrom(..."aàeéoøzå’ß1'İı"), maxLength: 5 }));

describe('plainWordOrder', () => {
  it.each(['en-US', 'en-GB', 'und', 'en-US-u-va-posix'])('orders plain words as the %s collation does', (locale) => {
    const collator = new Intl.Collator(locale);
    fc.assert(
      fc.property(plainWord, plainWord, (a, b) => {
        expect(sign(plainWordOrder(a, b)), `${a} / ${b}`).toBe(sign(collator.compare(a, b)));
      }),
      { numRuns: 5000 },
    );
  });

  it('is localeCompare itself for any other word', () => {
    fc.assert(
      fc.property(anyWord, anyWord, (a, b) => {
        if (/^[a-z0-9' ]*$/.test(a) && /^[a-z0-9' ]*$/.test(b)) return;
        expect(sign(plainWordOrder(a, b)), `${a} / ${b}`).toBe(sign(a.localeCompare(b)));
      }),
    );
  });

  it('would be wrong under a collation that tailors plain letters: Danish puts aa after z (a control)', () => {
    expect(new Intl.Collator('da').compare('aa', 'zz')).toBe(1);
    expect(plainWordOrder('aa', 'zz')).toBe(-1);
  });

  it('gives the insights the order localeCompare gives', () => {
    const words = 'zeta zeta alpha alpha mid mid like like just just um um'.split(' ');
    expect(topContentWords(words, 3, plainWordOrder)).toEqual(topContentWords(words, 3, localeWordOrder));
    expect(countFillers(words, plainWordOrder)).toEqual(countFillers(words, localeWordOrder));
    expect(topContentWords(words, 3, plainWordOrder).map((entry) => entry.word)).toEqual(['alpha', 'mid', 'zeta']);
  });
});

describe('wordOrderFor', () => {
  it.each<[Record<string, string>, 'plain' | 'locale']>([
    [{}, 'plain'],
    [{ LANG: '' }, 'plain'],
    [{ LANG: 'C' }, 'plain'],
    [{ LANG: 'C.UTF-8' }, 'plain'],
    [{ LANG: 'POSIX' }, 'plain'],
    [{ LANG: 'en' }, 'plain'],
    [{ LANG: 'en_GB.UTF-8' }, 'plain'],
    [{ LC_ALL: 'en_US.UTF-8', LANG: 'da_DK.UTF-8' }, 'plain'],
    [{ LC_ALL: 'C', LANG: 'da_DK.UTF-8' }, 'plain'],
    [{ LC_CTYPE: 'da_DK.UTF-8' }, 'plain'],
    [{ LANGUAGE: 'da', LANG: 'en_US.UTF-8' }, 'plain'],
    [{ LANG: 'da_DK.UTF-8' }, 'locale'],
    [{ LANG: 'lt_LT.UTF-8' }, 'locale'],
    [{ LANG: 'sv_SE.UTF-8' }, 'locale'],
    [{ LANG: 'eo' }, 'locale'],
    [{ LC_MESSAGES: 'da_DK.UTF-8', LANG: 'en_US.UTF-8' }, 'locale'],
    [{ LC_ALL: 'da_DK.UTF-8', LANG: 'en_US.UTF-8' }, 'locale'],
    [{ LC_ALL: '', LANG: 'da_DK.UTF-8' }, 'plain'],
  ])('%j: %s', (env, expected) => {
    expect(wordOrderFor(env)).toBe(expected === 'plain' ? plainWordOrder : localeWordOrder);
  });

  it("agrees with the collation Node's own ICU picks from the environment", () => {
    const script =
      "process.stdout.write(new Intl.Collator().resolvedOptions().locale + ' ' + ['zz', 'aa', 'j', 'y'].sort((a, b) => a.localeCompare(b)).join(','))";
    const envs: Record<string, string>[] = [{}, { LANG: '' }, { LANG: 'C' }, { LANG: 'en_GB.UTF-8' }, { LC_ALL: 'C', LANG: 'da_DK.UTF-8' }];
    const others: Record<string, string>[] = [{ LANG: 'da_DK.UTF-8' }, { LANG: 'lt_LT.UTF-8' }, { LC_MESSAGES: 'da_DK', LANG: 'en_US' }];
    const resolved = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' }).stdout;
    for (const env of envs) {
      expect(wordOrderFor(env), JSON.stringify(env)).toBe(plainWordOrder);
      // Root, English or POSIX: plain words in code order.
      expect(resolved(env), JSON.stringify(env)).toMatch(/^(en(-[A-Z]{2})?|und) aa,j,y,zz$/);
    }
    for (const env of others) {
      expect(wordOrderFor(env), JSON.stringify(env)).toBe(localeWordOrder);
      expect(resolved(env), JSON.stringify(env)).not.toMatch(/^(en|und)\b/);
    }
  });
});
