import * as z from 'zod/mini';
import { lazySchema } from './lazySchema';

// Hosted Login answers, validated at the boundary (/work/shared/HOSTED-LOGIN-API.md). Extra fields
// are accepted; where the docs show no shape, the inferred one and its plain variant both parse.

export const configTokenSchema = lazySchema(() =>
  z.object({
    access_token: z.string().check(z.minLength(1)),
    expires_in: z.optional(z.number()),
    token_type: z.optional(z.string()),
    scope: z.nullish(z.string()),
  }),
);

export const oidcClientSchema = lazySchema(() =>
  z.object({
    id: z.string().check(z.minLength(1)),
    name: z.nullish(z.string()),
    type: z.nullish(z.string()),
    redirectURIs: z.nullish(z.array(z.string())),
    loginPolicy: z.nullish(z.string()),
    tokenPolicy: z.nullish(z.string()),
  }),
);

/** `GET /config/clients`: the docs show no shape; `_embedded.clients` (like the policies) or a bare list. */
export const oidcClientListSchema = lazySchema(() =>
  z.union([
    z.object({ _embedded: z.object({ clients: z.array(oidcClientSchema) }) }),
    z.array(oidcClientSchema),
  ]),
);

const policySummary = lazySchema(() =>
  z.object({ id: z.string().check(z.minLength(1)), title: z.nullish(z.string()) }),
);
export const loginPolicyListSchema = lazySchema(() =>
  z.object({
    _embedded: z.object({ loginPolicies: z.array(policySummary) }),
  }),
);
export const tokenPolicyListSchema = lazySchema(() =>
  z.object({
    _embedded: z.object({ tokenPolicies: z.array(policySummary) }),
  }),
);

export const secretSchema = lazySchema(() => z.object({ secret: z.string().check(z.minLength(1)) }));

/** The docs' error body for configuration endpoints. */
export const configErrorSchema = lazySchema(() => z.object({ errors: z.unknown() }));
/** RFC 6749 error body, assumed for /login/* (the docs show none). */
export const oauthErrorSchema = lazySchema(() =>
  z.object({ error: z.string(), error_description: z.nullish(z.string()) }),
);

export const discoverySchema = lazySchema(() =>
  z.object({
    issuer: z.string().check(z.minLength(1)),
    authorization_endpoint: z.string().check(z.minLength(1)),
    token_endpoint: z.string().check(z.minLength(1)),
    jwks_uri: z.string().check(z.minLength(1)),
    userinfo_endpoint: z.nullish(z.string()),
    scopes_supported: z.nullish(z.array(z.string())),
  }),
);

export const tokenResponseSchema = lazySchema(() =>
  z.object({
    id_token: z.string().check(z.minLength(1)),
    access_token: z.nullish(z.string()),
    scope: z.nullish(z.string()),
    expires_in: z.nullish(z.number()),
  }),
);
