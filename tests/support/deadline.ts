// Child processes a test starts, and a deadline for them: a hang must fail the test (and the
// process be killed), never block the run.

const running = new Set<() => void>();

/** Registers `kill` for a process still running; the returned function unregisters it. */
export function trackProcess(kill: () => void): () => void {
  running.add(kill);
  return () => running.delete(kill);
}

/** Kills every tracked process still running (call it in `afterEach`). */
export function killStrayProcesses(): void {
  for (const kill of [...running]) {
    running.delete(kill);
    try {
      kill();
    } catch {
      // already gone
    }
  }
}

/** Resolves with `promise`, or calls `kill` and fails when it takes longer than `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, kill: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      kill();
      reject(new Error(`no exit within ${ms} ms: the process hung and was killed`));
    }, ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}
