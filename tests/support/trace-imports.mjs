// Loaded with `node --import`: reports every module the process resolves on stderr as
// "import: <url>", so a test can prove that a command did not load a heavy dependency. ES
// modules through a resolve hook; CommonJS files (the launcher, the direct bundle) as they are
// required, or compiled through node:vm (the launcher's code cache for a direct bundle).
import { writeSync } from 'node:fs';
import Module, { register } from 'node:module';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

register(new URL('./trace-imports-hooks.mjs', import.meta.url));

const load = Module._load;
Module._load = function traced(request, parent, isMain) {
  const filename = Module._resolveFilename(request, parent, isMain);
  if (isAbsolute(filename)) writeSync(2, `import: ${pathToFileURL(filename).href}\n`);
  return load.call(this, request, parent, isMain);
};

const { Script } = vm;
vm.Script = class TracedScript extends Script {
  constructor(code, options) {
    const filename = typeof options === 'string' ? options : options?.filename;
    if (typeof filename === 'string' && isAbsolute(filename)) writeSync(2, `import: ${pathToFileURL(filename).href}\n`);
    super(code, options);
  }
};
