// zod's classic API, named piece by piece. `import { z } from 'zod'` is one namespace object that
// holds everything, its 40-odd locales included (366 KB of the 757 KB chunk, 84 ms to import):
// the bundler cannot leave any of it out. Imported from here (`import * as z from './zod.js'`),
// only what is named below is bundled; English messages still come with the schemas.

export type { core, infer, input } from 'zod';
export {
  array,
  boolean,
  enum,
  literal,
  number,
  object,
  strictObject,
  string,
  toJSONSchema,
  ZodArray,
  ZodObject,
  ZodOptional,
  ZodType,
} from 'zod';
