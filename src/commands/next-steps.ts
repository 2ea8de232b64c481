import { isAbsolute, relative } from 'node:path';
import { shellQuote } from './shell-quote.js';

/**
 * The `-s` options of a next-step command, repeating the sets a user gave: ` -s my.yaml -s pack`,
 * or '' for the built-in bank. Absolute paths (as transcripts keep them) are shown relative to
 * `cwd` when they are inside it.
 */
export function setFlags(sources: readonly string[] | undefined, cwd: string): string {
  return (sources ?? [])
    .map((source) => {
      let shown = source;
      if (isAbsolute(source)) {
        const inside = relative(cwd, source);
        shown = inside === '' ? '.' : inside.startsWith('..') || isAbsolute(inside) ? source : inside;
      }
      return ` -s ${shellQuote(shown.startsWith('-') ? `./${shown}` : shown)}`;
    })
    .join('');
}

/** What to run after a finished session, with the session's own `-s` and category. */
export function sessionNextSteps(
  transcript: { id: string; status: string; settings: { setSources?: string[]; category: { id: string } | null } },
  cwd: string,
): string[] {
  if (transcript.status !== 'completed') return [];
  const flags = setFlags(transcript.settings.setSources, cwd);
  const category = transcript.settings.category ? ` -c ${shellQuote(transcript.settings.category.id)}` : '';
  return [`Next: mockprep review ${transcript.id} · again, weakest first: mockprep start${flags}${category} --order weakest`];
}
