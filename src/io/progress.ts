import type { Output } from './output.js';

/** A spinner line on a terminal while a long job runs; nothing at all elsewhere. */
export interface Progress {
  update(text: string): void;
  stop(): void;
}

const SILENT: Progress = { update: () => {}, stop: () => {} };

/**
 * Starts an ora spinner on `out` (stderr) when it is a terminal that can show one. ora is loaded
 * only then. A terminal that reports 0 columns gets none: ora loops forever there.
 */
export async function startProgress(out: Output, text: string, env: Record<string, string | undefined>): Promise<Progress> {
  const stream = out.stream as NodeJS.WriteStream;
  if (!stream.isTTY || !(stream.columns > 0) || env.CI || env.TERM === 'dumb') return SILENT;
  return startSpinner(stream, text, out.color.level > 0);
}

/**
 * An ora spinner on a terminal stream the caller has checked (a TTY reporting its columns), ora
 * loaded only now. It never touches stdin: a prompt, or the interview's raw keyboard, reads it.
 */
export async function startSpinner(stream: NodeJS.WriteStream, text: string, color: boolean): Promise<Progress> {
  const { default: ora } = await import('ora');
  const spinner = ora({ text, stream, discardStdin: false, isEnabled: true, color: color ? 'cyan' : false }).start();
  return {
    update: (next) => {
      spinner.text = next;
    },
    stop: () => {
      spinner.stop();
    },
  };
}
