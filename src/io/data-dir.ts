import { resolve } from 'node:path';
import envPaths from 'env-paths';

/** `--data-dir`, else `MOCKPREP_HOME`, else the platform's data folder (~/.local/share/mockprep on Linux). */
export function resolveDataDir(flag: string | undefined, env: Record<string, string | undefined>): string {
  if (flag) return resolve(flag);
  if (env.MOCKPREP_HOME) return resolve(env.MOCKPREP_HOME);
  // Without `suffix: ''` env-paths appends "-nodejs" to every path.
  return envPaths('mockprep', { suffix: '' }).data;
}
