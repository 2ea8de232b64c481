import { closeSync } from 'node:fs';
import { isatty } from 'node:tty';

/**
 * Once the terminal is gone (the window was closed), Node's own exit would try to restore its
 * settings, fail with EIO and abort with a native assertion. Closing the terminal's descriptors
 * as the process exits makes Node skip that: there is no terminal left to restore. Call
 * `watchTerminal` while the terminal is there (a hung-up terminal no longer says it is one).
 */
export function watchTerminal(): { lost(): void } {
  const ttys = [0, 1, 2].filter((fd) => {
    try {
      return isatty(fd);
    } catch {
      return false;
    }
  });
  let armed = false;
  return {
    lost() {
      if (armed) return;
      armed = true;
      process.once('exit', () => {
        for (const fd of ttys) {
          try {
            closeSync(fd);
          } catch {
            // Already closed: nothing to restore either.
          }
        }
      });
    },
  };
}
