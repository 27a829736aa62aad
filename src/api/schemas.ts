import * as z from 'zod/mini';
import { lazySchema } from './lazySchema';

// Capture answers are validated here, at the boundary. Unknown extra fields are accepted (and
// dropped); only what the extension relies on is required, and an optional field that comes back
// null counts as absent, so one odd client cannot break the whole list. (Error bodies are read
// field by field in parseCaptureResponse, for the same reason.)

export const statSchema = lazySchema(() => z.object({ stat: z.string() }));

const stringList = lazySchema(() => z.array(z.string()));

export const apiClientSchema = lazySchema(() =>
  z.object({
    client_id: z.string().check(z.minLength(1)),
    client_secret: z.string().check(z.minLength(1)),
    description: z.nullish(z.string()),
    features: z.nullish(stringList),
    whitelist: z.nullish(stringList),
  }),
);

export const addResponseSchema = apiClientSchema;
export const listResponseSchema = lazySchema(() => z.object({ results: z.array(apiClientSchema) }));
export const resetSecretResponseSchema = lazySchema(() =>
  z.object({ new_secret: z.string().check(z.minLength(1)) }),
);
export const okResponseSchema = lazySchema(() => z.object({}));

// /settings/* answers carry their value in `result`. Values are documented as strings; a number or
// boolean is read as its text, and a null value counts as absent.
const settingValue = lazySchema(() => z.nullable(z.union([z.string(), z.number(), z.boolean()])));
export const settingsItemsResponseSchema = lazySchema(() =>
  z.object({ result: z.record(z.string(), settingValue) }),
);
export const settingsKeysResponseSchema = lazySchema(() => z.object({ result: stringList }));
export const settingValueResponseSchema = lazySchema(() => z.object({ result: z.optional(settingValue) }));
export const settingFlagResponseSchema = lazySchema(() => z.object({ result: z.boolean() }));
export const settingFlagsResponseSchema = lazySchema(() =>
  z.object({ result: z.record(z.string(), z.boolean()) }),
);
/** Any "ok" answer, every field kept: for answers whose secret may not be where the docs put it. */
export const anyOkResponseSchema = lazySchema(() => z.record(z.string(), z.unknown()));
