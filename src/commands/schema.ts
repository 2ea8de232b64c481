import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { MockprepError } from '../core/errors.js';
import { renderQuestionSetJsonSchema } from '../core/question-set-json-schema.js';
import { describeFsError } from '../io/file-store.js';

export interface SchemaOptions {
  /** A file to write the schema to (replacing it: it is generated); stdout when omitted. */
  output?: string;
}

/** `mockprep schema`: the question-set format as a JSON Schema (draft-07), for editors. */
export async function runSchema(options: SchemaOptions, ctx: Pick<Context, 'stdout' | 'store'>): Promise<void> {
  const text = renderQuestionSetJsonSchema();
  if (options.output === undefined) {
    ctx.stdout.write(text);
    return;
  }
  const path = resolve(options.output);
  try {
    await ctx.store.writeAtomic(path, text);
  } catch (error) {
    throw new MockprepError(`cannot write ${options.output} (${describeFsError(error)})`, { cause: error });
  }
  ctx.stdout.line(`Wrote the question-set schema to ${options.output}`);
}
