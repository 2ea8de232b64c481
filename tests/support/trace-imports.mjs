// Loaded with `node --import`: reports every module the process resolves on stderr as
// "import: <url>", so a test can prove that a command did not load a heavy dependency.
import { register } from 'node:module';

register(new URL('./trace-imports-hooks.mjs', import.meta.url));
