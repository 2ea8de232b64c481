import type { Command, Option } from 'commander';
import type { Context } from '../context.js';
import { listCategories } from '../core/catalog.js';
import { UsageError } from '../core/errors.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** What `__complete` prints when the shell should complete file names itself. */
const FILES = ':files';

// The scripts are small: every completion asks `mockprep __complete -- <words>`, so commands,
// options and their values come from the same commander program as --help, and categories and
// session ids from the sets (with the -s on the line) and the data folder.
const SCRIPTS: Record<Shell, string> = {
  bash: `# mockprep completion for bash. Add to ~/.bashrc:
#   source <(mockprep completion bash)
_mockprep_complete() {
  local line out
  COMPREPLY=()
  out="$(mockprep __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)" || return 0
  if [[ "$out" == "${FILES}" ]]; then
    compopt -o default 2>/dev/null
    return 0
  fi
  while IFS= read -r line; do
    [[ -n "$line" ]] && COMPREPLY+=("\${line%%$'\\t'*}")
  done <<< "$out"
}
complete -F _mockprep_complete mockprep
`,
  zsh: `#compdef mockprep
# mockprep completion for zsh. Add to ~/.zshrc (after compinit):
#   source <(mockprep completion zsh)
_mockprep() {
  local out line
  local -a values
  out="$(mockprep __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)" || return 1
  if [[ "$out" == "${FILES}" ]]; then
    _files
    return
  fi
  for line in "\${(@f)out}"; do
    [[ -z "$line" ]] && continue
    if [[ "$line" == *$'\\t'* ]]; then
      values+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}")
    else
      values+=("\${line//:/\\\\:}")
    fi
  done
  _describe -t values mockprep values
}
compdef _mockprep mockprep
`,
  fish: `# mockprep completion for fish. Add to ~/.config/fish/config.fish:
#   mockprep completion fish | source
function __mockprep_complete
    set -l words (commandline -opc) (commandline -ct)
    set -e words[1]
    set -l out (mockprep __complete -- $words 2>/dev/null)
    if test "$out" = "${FILES}"
        __fish_complete_path (commandline -ct)
        return
    end
    printf '%s\\n' $out
end
complete -c mockprep -f -a '(__mockprep_complete)'
`,
};

/** `mockprep completion <shell>`: the script that teaches the shell mockprep's words. */
export function runCompletionScript(shell: string, ctx: Pick<Context, 'stdout'>): void {
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError(`no completion for the shell '${shell}': mockprep completes in ${SHELLS.join(', ')}`);
  }
  ctx.stdout.write(SCRIPTS[shell as Shell]);
}

export interface CompleteDeps {
  program: Command;
  /** The categories of the sets that `-s` values name (the built-in bank when none). */
  categories(sets: string[]): Promise<{ value: string; description: string }[]>;
  /** Session ids, newest first, from `--data-dir` (or the default data folder). */
  sessions(dataDir: string | undefined): Promise<string[]>;
}

type Candidate = { value: string; description?: string } | typeof FILES;

function visible(command: Command): Command[] {
  return command.commands.filter((sub) => !(sub as unknown as { _hidden?: boolean })._hidden);
}

function optionsOf(command: Command): Option[] {
  return command.options.filter((option) => !option.hidden);
}

function takesValue(option: Option): boolean {
  return option.required || option.optional;
}

/**
 * `mockprep __complete -- <words>`: the completions of the last word (possibly empty), one
 * per line as `value<TAB>description`, or `:files` to let the shell complete paths.
 */
export async function completeWords(words: readonly string[], deps: CompleteDeps): Promise<string[]> {
  const candidates = await findCandidates(words, deps);
  if (candidates.includes(FILES)) return [FILES];
  const current = words.at(-1) ?? '';
  return (candidates as { value: string; description?: string }[])
    .filter((candidate) => candidate.value.startsWith(current))
    .map((candidate) => (candidate.description ? `${candidate.value}\t${candidate.description.replace(/\s+/g, ' ')}` : candidate.value));
}

async function findCandidates(words: readonly string[], deps: CompleteDeps): Promise<Candidate[]> {
  const { program } = deps;
  const before = words.slice(0, -1);
  const current = words.at(-1) ?? '';
  const globals = optionsOf(program);
  let command: Command | undefined;
  const sets: string[] = [];
  let dataDir: string | undefined;
  let positionals = 0;
  let pending: Option | undefined;
  const findOption = (word: string) =>
    [...(command ? optionsOf(command) : []), ...globals].find((option) => option.long === word || option.short === word);
  for (const word of before) {
    if (pending) {
      if (pending.long === '--set') sets.push(word);
      if (pending.long === '--data-dir') dataDir = word;
      pending = undefined;
      continue;
    }
    if (word.startsWith('-') && word !== '-') {
      const [flag, inline] = word.split('=', 2) as [string, string | undefined];
      const option = findOption(flag);
      if (option && takesValue(option)) {
        if (inline !== undefined) {
          if (option.long === '--set') sets.push(inline);
          if (option.long === '--data-dir') dataDir = inline;
        } else pending = option;
      }
      continue;
    }
    if (!command) {
      command = program.commands.find((sub) => sub.name() === word || sub.aliases().includes(word));
      if (!command) return [];
      continue;
    }
    positionals++;
  }

  if (pending) return valuesOf(pending, sets, deps);
  if (current.startsWith('-')) {
    const options = [...(command ? optionsOf(command) : []), ...globals];
    const flags = options.flatMap((option) =>
      [option.long, option.short]
        .filter((flag): flag is string => flag !== undefined && (flag.startsWith('--') || !current.startsWith('--')))
        .map((flag) => ({ value: flag, description: option.description })),
    );
    return [...flags, { value: '--help', description: command ? `show the help of ${command.name()}` : 'show the help' }];
  }
  if (!command) return visible(program).map((sub) => ({ value: sub.name(), description: sub.description() }));
  switch (command.name()) {
    case 'list':
      return positionals === 0 ? deps.categories(sets) : [];
    case 'review':
    case 'grade':
    case 'export':
    case 'resume':
      if (positionals > 0) return [];
      return [{ value: 'latest', description: 'the newest session' }, ...(await deps.sessions(dataDir)).map((id) => ({ value: id }))];
    case 'validate':
    case 'import':
      return [FILES];
    case 'init':
      return positionals === 0 ? [FILES] : [];
    case 'completion':
      return positionals === 0 ? SHELLS.map((shell) => ({ value: shell })) : [];
    case 'help':
      return positionals === 0 ? visible(program).map((sub) => ({ value: sub.name(), description: sub.description() })) : [];
    default:
      return [];
  }
}

async function valuesOf(option: Option, sets: string[], deps: CompleteDeps): Promise<Candidate[]> {
  if (option.argChoices) return option.argChoices.map((value) => ({ value }));
  if (option.long === '--category') return deps.categories(sets);
  if (option.long === '--set' || option.long === '--output' || option.long === '--data-dir') return [FILES];
  return [];
}

/** The categories of loaded sets as completions: ids, and `set/id` where two sets share one. */
export function categoryCandidates(sets: Parameters<typeof listCategories>[0]): { value: string; description: string }[] {
  const entries = listCategories(sets);
  return entries.map(({ set, category }) => {
    const shared = entries.filter((entry) => entry.category.id === category.id).length > 1;
    return { value: shared ? `${set.id}/${category.id}` : category.id, description: category.title };
  });
}
