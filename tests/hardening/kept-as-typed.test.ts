import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { renderTranscriptMarkdown } from '../../src/core/render-transcript-markdown.js';
import { makeMiniTranscript } from '../support/fixture-sets.js';
import { spawnCli } from '../support/spawn-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

// What was typed is kept as typed. `resume` used to write finished answers back with their escape
// characters stripped (the transcript was cleaned when read, then saved): text is now cleaned
// for display only, never in the transcript. And the markdown export renders a set's text as
// written: bare URLs, www. names and emails no longer turn into links, `$…$` is not math.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const TYPED = 'typed \u001b[2J with \u0007 escapes \u009b6n';
const DRAFT = 'a draft \u001b]0;title\u0007 kept';

describe('resume keeps every answer as typed', () => {
  it('finished answers and a continued draft keep their escape characters on disk; the screen gets none', async () => {
    const home = makeTempDir();
    const sessions = join(home, 'sessions');
    mkdirSync(sessions);
    const id = '20261120-100000-7e57';
    const base = makeMiniTranscript({ now: Date.parse('2026-11-20T10:00:00Z'), limits: [null, null] });
    const at = base.startedAt;
    const transcript = {
      ...base,
      id,
      status: 'interrupted',
      endReason: 'quit',
      items: [
        { ...base.items[0], shownAt: at, finishedAt: at, answer: TYPED, selfRating: 3 },
        { ...base.items[1], shownAt: at, answer: DRAFT },
      ],
    };
    writeFileSync(join(sessions, `${id}.json`), JSON.stringify(transcript));
    const result = await spawnCli(['resume', id, '--plain'], { env: { MOCKPREP_HOME: home }, input: 'and a new line\n/done\n\n' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(CONTROL.test(result.stdout)).toBe(false);
    expect(result.stdout).toContain('a draft  kept');
    const saved = JSON.parse(readFileSync(join(sessions, `${id}.json`), 'utf8'));
    expect(saved.status).toBe('completed');
    expect(saved.items[0].answer).toBe(TYPED);
    expect(saved.items[0].selfRating).toBe(3);
    expect(saved.items[1].answer).toBe(`${DRAFT}\nand a new line`);
  });
});

describe('the markdown export renders set text as written', () => {
  const WRITTEN = 'See https://example.com/a_b, www.example.org or ask me@example.com; cost is $x$ and $5.';

  it('no links, no math, the text itself', () => {
    const base = makeMiniTranscript({ now: Date.parse('2026-11-20T10:00:00Z') });
    const item = base.items[0];
    if (!item) throw new Error('the mini transcript has questions');
    const transcript = {
      ...base,
      items: [
        {
          ...item,
          shownAt: base.startedAt,
          finishedAt: base.startedAt,
          answer: 'an answer',
          question: { ...item.question, prompt: WRITTEN, notes: WRITTEN, redFlags: [WRITTEN] },
        },
      ],
    };
    const markdown = renderTranscriptMarkdown(transcript, { timeZone: 'UTC' });
    const html = marked.parse(markdown, { async: false });
    expect(html).not.toMatch(/<a /);
    // Math renderers take an unescaped $…$: none is left.
    expect(markdown).not.toMatch(/(?<!\\)\$x(?<!\\)\$/);
    const text = html
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"');
    expect(text.split(WRITTEN).length - 1).toBe(3);
  });
});
