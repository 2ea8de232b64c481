import { resolve } from 'node:path';

/** `--data-dir`, else `MOCKPREP_HOME`, else the platform's data folder (~/.local/share/mockprep on Linux). */
export async function resolveDataDir(flag: string | undefined, env: Record<string, string | undefined>): Promise<string> {
  if (flag) return resolve(flag);
  if (env.MOCKPREP_HOME) return resolve(env.MOCKPREP_HOME);
  // Loaded only here: env-paths imports node:process whole, which builds stdin, stdout and stderr
  // as it loads, and a data folder named by the environment needs none of it.
  const { default: envPaths } = await import('env-paths');
  // Without `suffix: ''` env-paths appends "-nodejs" to every path.
  return envPaths('mockprep', { suffix: '' }).data;
}
