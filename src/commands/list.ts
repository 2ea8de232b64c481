import type { Context } from '../context.js';
import { difficultyMix, listCategories, resolveCategory } from '../core/catalog.js';
import type { Question } from '../core/question-set-schema.js';
import { stringifyJson } from '../core/sanitize-text.js';
import { firstLine, fitWidth, maxOf, plural } from '../core/text.js';
import type { Output } from '../io/output.js';
import { setFlags } from './next-steps.js';
import { loadSetsOption } from './sets-option.js';

export interface ListOptions {
  category?: string;
  set?: string[];
  json?: boolean;
}

/** `mockprep list [category]`: the sets and categories, or one category's questions. */
export async function runList(options: ListOptions, ctx: Pick<Context, 'stdout' | 'store'>): Promise<void> {
  const sets = await loadSetsOption(options.set, ctx.store);
  const out = ctx.stdout;
  if (options.category !== undefined) {
    const entry = resolveCategory(sets, options.category);
    if (options.json) {
      out.line(
        stringifyJson({
          set: { id: entry.set.id, title: entry.set.title },
          category: entry.category,
          questions: entry.questions.map(({ id, difficulty, kind, tags, time, prompt }) => ({
            id,
            difficulty,
            kind,
            tags,
            time,
            prompt,
          })),
        }),
      );
      return;
    }
    printCategoryQuestions(out, `${entry.category.title} (${entry.set.id}/${entry.category.id})`, entry.questions);
    return;
  }

  const entries = listCategories(sets);
  if (options.json) {
    out.line(
      stringifyJson({
        sets: sets.map((set) => ({
          id: set.id,
          title: set.title,
          description: set.description,
          source: set.source,
          license: set.license,
          questions: set.questions.length,
          categories: entries
            .filter((entry) => entry.set === set)
            .map(({ category, questions }) => ({
              id: category.id,
              title: category.title,
              questions: questions.length,
              difficulty: difficultyMix(questions),
            })),
        })),
        totals: {
          sets: sets.length,
          categories: entries.length,
          questions: sets.reduce((sum, set) => sum + set.questions.length, 0),
        },
      }),
    );
    return;
  }

  const { color } = out;
  const idWidth = maxOf(entries.map(({ category }) => category.id.length));
  const mixes = new Map(
    entries.map(({ category, questions }) => [
      category,
      Object.entries(difficultyMix(questions))
        .filter(([, count]) => count > 0)
        .map(([level, count]) => `${level} ${count}`)
        .join(' · '),
    ]),
  );
  // On a terminal the title column gives way (titles are cut) so that each row fits on one line.
  const mixWidth = maxOf(Array.from(mixes.values(), (mix) => mix.length));
  const room = out.isTTY ? out.columns - (2 + idWidth + 2 + 2 + 3 + 2 + mixWidth) : Number.POSITIVE_INFINITY;
  const titleWidth = Math.min(maxOf(entries.map(({ category }) => category.title.length)), Math.max(8, room));
  for (const set of sets) {
    out.line(`${color.bold(set.title)}  ${color.dim(`${set.id} · ${plural(set.questions.length, 'question')}`)}`);
    for (const { category, questions } of entries.filter((entry) => entry.set === set)) {
      const title = fitWidth(category.title, titleWidth).padEnd(titleWidth);
      out.line(
        `  ${color.cyan(category.id.padEnd(idWidth))}  ${title}  ${String(questions.length).padStart(3)}  ${color.dim(mixes.get(category) ?? '')}`,
      );
    }
    out.line();
  }
  const total = sets.reduce((sum, set) => sum + set.questions.length, 0);
  const example = entries[0]?.category.id ?? 'beginner';
  out.line(`${plural(sets.length, 'set')} · ${plural(entries.length, 'category', 'categories')} · ${plural(total, 'question')}`);
  // The next commands load the same sets: the -s values exactly as the user typed them.
  const flags = setFlags(options.set, process.cwd());
  out.line(
    color.dim(`Questions of a category: mockprep list${flags} ${example} · start an interview: mockprep start${flags} -c ${example}`),
  );
}

function printCategoryQuestions(out: Output, heading: string, questions: readonly Question[]): void {
  const { color } = out;
  out.line(`${color.bold(heading)} ${color.dim(`· ${plural(questions.length, 'question')}`)}`);
  const idWidth = maxOf(questions.map((question) => question.id.length));
  for (const question of questions) {
    const difficulty = (question.difficulty ?? '-').padEnd(6);
    const prompt = firstLine(question.prompt);
    const prefix = `  ${question.id.padEnd(idWidth)}  ${difficulty}  `;
    out.line(
      `  ${color.cyan(question.id.padEnd(idWidth))}  ${difficultyColor(out, question.difficulty)(difficulty)}  ${fitWidth(prompt, out.isTTY ? out.columns - prefix.length : Number.POSITIVE_INFINITY)}`,
    );
  }
}

function difficultyColor(out: Output, difficulty: Question['difficulty']) {
  if (difficulty === 'easy') return out.color.green;
  if (difficulty === 'medium') return out.color.yellow;
  if (difficulty === 'hard') return out.color.red;
  return out.color.dim;
}
