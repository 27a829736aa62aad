/**
 * The OIDC keys of an env file (`OIDC_ISSUER`, `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET`,
 * `OIDC_REDIRECT_URI`, or the names `identityCloud.oidcEnvKeys` sets) read against what is known of
 * the connected applications' Hosted Login: their issuers and their login clients. Plain
 * TypeScript, from memory only.
 *
 * The set is Identity Cloud's only on evidence — its client ID is a login client of a connected
 * application, or its issuer is a connected application's Hosted Login issuer — so an Auth0, Okta
 * or Azure AD app that uses the same common key names gets nothing.
 */
import type { LoginClient } from '../api/hostedLoginClient';
import type { Translate } from '../common/translate';
import type { EnvValue } from './envCredentials';
import { hostOf } from './ownership';

/** The four key names of an OIDC app (the `identityCloud.oidcEnvKeys` setting). */
export interface OidcKeyNames {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

/** The OIDC keys a file has (each the last assignment of its key, as dotenv keeps it). */
export interface OidcSet {
  readonly id?: EnvValue;
  readonly issuer?: EnvValue;
  readonly secret?: EnvValue;
  readonly redirectUri?: EnvValue;
}

/** What is known, in memory, of one application connected to Hosted Login. */
export interface HostedLoginApplication {
  readonly name: string;
  /**
   * The issuer Hosted Login has at the application's API origin (`{base}/login`), known without a
   * request. With a custom domain the discovery document names another one.
   */
  readonly defaultIssuer: string;
  /** The issuer its discovery document names; undefined until that was read. */
  readonly issuer?: string;
  /** Its login clients; undefined until they were listed. */
  readonly clients?: readonly LoginClient[];
}

export interface HostedLoginSnapshot {
  readonly applications: readonly HostedLoginApplication[];
}

export const EMPTY_HOSTED_LOGIN: HostedLoginSnapshot = { applications: [] };

/** The file's OIDC set when it is Identity Cloud's: for its hover and lens. */
export interface OidcReport {
  readonly set: OidcSet & { readonly id: EnvValue };
  readonly application: string;
  /** The login client its ID names; undefined when the ID is not among the listed ones. */
  readonly client?: LoginClient;
}

export type OidcFindingCode = 'oidc-issuer-mismatch' | 'unknown-login-client' | 'redirect-uri-not-registered';

export interface OidcFinding {
  readonly code: OidcFindingCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly application: string;
  readonly loginClientId?: string;
  /** Values a quick fix may write in place of the finding's value (the expected issuer, the registered URIs). */
  readonly replacements?: readonly string[];
  /** The key whose value `replacements` replace. */
  readonly key?: string;
  /** A redirect URI a quick fix may register on the login client. */
  readonly redirectUri?: string;
}

/** Reads the OIDC keys out of a file's assignments. */
export function findOidcSet(values: readonly EnvValue[], keys: OidcKeyNames): OidcSet | undefined {
  const get = (key: string) => values.find((v) => v.key === key);
  const id = get(keys.clientId);
  const issuer = get(keys.issuer);
  if (!id && !issuer) return undefined;
  const secret = get(keys.clientSecret);
  const redirectUri = get(keys.redirectUri);
  return {
    ...(id ? { id } : {}),
    ...(issuer ? { issuer } : {}),
    ...(secret ? { secret } : {}),
    ...(redirectUri ? { redirectUri } : {}),
  };
}

/** An issuer as compared: trimmed, without a trailing slash (Auth0 writes one, Hosted Login none). */
export function normalizeIssuer(value: string | undefined): string {
  return (value ?? '').trim().replace(/\/+$/, '');
}

/** The application whose login client, or else whose issuer, the set names: the evidence that it is ours. */
function ownerOf(
  set: OidcSet,
  snapshot: HostedLoginSnapshot,
): { app: HostedLoginApplication; client?: LoginClient } | undefined {
  const id = set.id?.value.trim();
  if (id) {
    for (const app of snapshot.applications) {
      const client = app.clients?.find((c) => c.id === id);
      if (client) return { app, client };
    }
  }
  const issuer = normalizeIssuer(set.issuer?.value);
  if (!issuer) return undefined;
  const app = snapshot.applications.find(
    (a) => issuer === normalizeIssuer(a.issuer) || issuer === normalizeIssuer(a.defaultIssuer),
  );
  return app ? { app } : undefined;
}

/**
 * The connected applications whose login clients would tell whether this set is theirs: the one
 * its ID or issuer names, else every one when its issuer is at a Hosted Login host (a moved or
 * mistyped issuer of ours). None for another provider's issuer, or without an issuer: then only a
 * list already in memory (the view's) can tell. The caller lists each at most once per window.
 */
export function applicationsToList(set: OidcSet | undefined, snapshot: HostedLoginSnapshot): string[] {
  if (!set?.id?.value.trim() && !set?.issuer?.value.trim()) return [];
  const owner = ownerOf(set, snapshot);
  if (owner) return [owner.app.name];
  const host = hostOf(set.issuer?.value ?? '');
  if (!host) return [];
  const hostedLoginHosts = new Set(
    snapshot.applications.flatMap((a) => [a.defaultIssuer, a.issuer ?? ''].map((i) => hostOf(i))),
  );
  return hostedLoginHosts.has(host) || /(^|\.)janrain\.com(:\d+)?$/.test(host)
    ? snapshot.applications.map((a) => a.name)
    : [];
}

/** A value worth calling a login client ID when nobody knows it: `your-client-id` is not. */
const LOGIN_ID_SHAPE = /^(?=.*\d)[A-Za-z0-9][A-Za-z0-9-]{15,63}$/;

/** The problems of a file's OIDC set, and what its hover shows; nothing when the set is not ours. */
export function analyzeOidc(
  set: OidcSet | undefined,
  snapshot: HostedLoginSnapshot,
  t: Translate,
): { findings: OidcFinding[]; report?: OidcReport } {
  const findings: OidcFinding[] = [];
  const owner = set && ownerOf(set, snapshot);
  if (!set || !owner) return { findings };
  const { app, client } = owner;
  const id = set.id?.value.trim();

  const issuer = set.issuer;
  if (issuer && issuer.value.trim() && app.issuer) {
    if (normalizeIssuer(issuer.value) !== normalizeIssuer(app.issuer)) {
      findings.push({
        code: 'oidc-issuer-mismatch',
        severity: 'error',
        ...at(issuer),
        application: app.name,
        ...(client ? { loginClientId: client.id } : {}),
        replacements: [app.issuer],
        key: issuer.key,
        message: client
          ? t(
              '{0} is not the issuer of {1}, where login client {2} lives: its discovery document names {3}. Tokens would not verify.',
              issuer.key,
              app.name,
              client.name,
              app.issuer,
            )
          : t(
              '{0} is not the issuer of {1}: its discovery document names {2}. Tokens would not verify.',
              issuer.key,
              app.name,
              app.issuer,
            ),
      });
    }
  }

  if (client) {
    const redirect = set.redirectUri;
    const uri = redirect?.value.trim();
    if (redirect && uri && !client.redirectUris.includes(uri)) {
      findings.push({
        code: 'redirect-uri-not-registered',
        // A warning: the list in memory may be older than a change made in the Console.
        severity: 'warning',
        ...at(redirect),
        application: app.name,
        loginClientId: client.id,
        replacements: client.redirectUris,
        key: redirect.key,
        redirectUri: uri,
        message: t(
          '{0} is not a redirect URI of login client {1} ({2}): Hosted Login refuses the sign-in. Registered: {3}.',
          uri,
          client.name,
          app.name,
          client.redirectUris.join(', ') || '—',
        ),
      });
    }
  } else if (set.id && id && app.clients && LOGIN_ID_SHAPE.test(id)) {
    // A warning, not an error: the client may belong to another customer's Hosted Login.
    findings.push({
      code: 'unknown-login-client',
      severity: 'warning',
      ...at(set.id),
      application: app.name,
      message: t(
        'No login client {0} in the Hosted Login of {1}: it was deleted, or it belongs to another Hosted Login.',
        id,
        app.name,
      ),
    });
  }
  const report =
    set.id && id
      ? { set: { ...set, id: set.id }, application: app.name, ...(client ? { client } : {}) }
      : undefined;
  return { findings, ...(report ? { report } : {}) };
}

/** The value's range, or the key's when the value is empty. */
function at(value: EnvValue): { start: number; end: number } {
  return value.start < value.end
    ? { start: value.start, end: value.end }
    : { start: value.keyStart, end: value.keyEnd };
}
