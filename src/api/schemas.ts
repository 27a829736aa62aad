import * as z from 'zod/mini';

// Capture answers are validated here, at the boundary. Unknown extra fields are accepted (and
// dropped); only what the extension relies on is required.

export const statSchema = z.object({ stat: z.string() });

export const errorBodySchema = z.object({
  stat: z.literal('error'),
  code: z.optional(z.union([z.number(), z.string()])),
  error: z.optional(z.string()),
  error_description: z.optional(z.string()),
  request_id: z.optional(z.string()),
  request_token: z.optional(z.string()),
  argument_name: z.optional(z.string()),
});

const stringList = z.array(z.string());

export const apiClientSchema = z.object({
  client_id: z.string().check(z.minLength(1)),
  client_secret: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  features: z.optional(stringList),
  whitelist: z.optional(stringList),
});

export const addResponseSchema = apiClientSchema;
export const listResponseSchema = z.object({ results: z.array(apiClientSchema) });
export const resetSecretResponseSchema = z.object({ new_secret: z.string().check(z.minLength(1)) });
export const okResponseSchema = z.object({});
