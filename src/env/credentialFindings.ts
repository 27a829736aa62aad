/**
 * What the editor says about the credentials in one env file, as a pure function of the file's
 * text and a snapshot of the client index: the problems (with stable codes that quick fixes key
 * on) and, per client ID key, what its lens and hover show. No message ever holds a secret.
 */
import type { ApiClient } from '../api/captureClient';
import { normalizeCaptureDomain } from '../api/captureDomain';
import type { Translate } from '../common/translate';
import { checkDirective, parseDirective, type Directive } from './directive';
import {
  findEnvCredentials,
  keyNamesOf,
  type CredentialSet,
  type EnvKeyNames,
  type EnvValue,
} from './envCredentials';
import {
  analyzeOidc,
  findOidcSet,
  type HostedLoginSnapshot,
  type OidcKeyNames,
  type OidcReport,
  type OidcSet,
} from './oidcFindings';
import { hostOf, isIdentityCloudSet } from './ownership';
import { ClientLookup } from '../clients/clientLookup';

/** Stable problem codes (quick fixes and tests match on them). */
export const FindingCodes = {
  unknownClient: 'unknown-client',
  secretOutdated: 'secret-outdated',
  domainMismatch: 'domain-mismatch',
  ownerInEnv: 'owner-credentials',
  committableSecret: 'secret-not-ignored',
  directiveProblem: 'directive-problem',
  // The OIDC keys of a Hosted Login app (oidcFindings.ts)
  issuerMismatch: 'oidc-issuer-mismatch',
  unknownLoginClient: 'unknown-login-client',
  redirectNotRegistered: 'redirect-uri-not-registered',
} as const;
export type FindingCode = (typeof FindingCodes)[keyof typeof FindingCodes];

/** A client as the index knows it. */
export interface IndexedClient {
  readonly application: string;
  /** The application's Capture domain (a normalised origin). */
  readonly domain: string;
  readonly client: ApiClient;
  /** The owner client the extension itself signs in as. */
  readonly own: boolean;
}

/** What the index holds; the providers read nothing else. */
export interface IndexSnapshot {
  /** Every configured application, and whether its clients are in the snapshot. */
  readonly applications: readonly {
    readonly name: string;
    /** Its Capture domain (a normalised origin). */
    readonly domain: string;
    readonly listed: boolean;
  }[];
  /** The client with this ID (the first configured application that has it answers). */
  lookup(clientId: string): IndexedClient | undefined;
  /** The client whose current secret this is. */
  secretOwner(secret: string): IndexedClient | undefined;
  /** The last refresh of at least one application failed: what is shown may be out of date. */
  readonly stale: boolean;
}

export type Severity = 'error' | 'warning' | 'information';

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  /** Offsets into the text. */
  readonly start: number;
  readonly end: number;
  readonly clientId?: string;
  readonly application?: string;
  /** The key names of the set the finding is on: a fix writes there and nowhere else. */
  readonly keys?: EnvKeyNames;
  /** A Hosted Login login client the finding is about. */
  readonly loginClientId?: string;
  /** Values a quick fix may write in place of the finding's value. */
  readonly replacements?: readonly string[];
  /** The key whose value `replacements` replace. */
  readonly key?: string;
  /** A redirect URI a quick fix may register on the login client. */
  readonly redirectUri?: string;
}

export type SecretState = 'current' | 'outdated' | 'missing';

/** One client ID key, for its lens and hover. */
export interface CredentialReport {
  readonly set: CredentialSet;
  /** Undefined when the ID is empty, or unknown to the index. */
  readonly known?: IndexedClient;
  readonly state: 'empty' | 'known' | 'notFound' | 'unchecked';
  readonly secret: SecretState;
}

export interface EnvAnalysis {
  readonly findings: readonly Finding[];
  /** The Identity Cloud sets only: another provider's set gets no lens, hover or problem. */
  readonly reports: readonly CredentialReport[];
  /** The file's `# identity-cloud:` directive, read against the configured applications. */
  readonly directive?: Directive;
  /** The file's OIDC keys, when they are a Hosted Login app's of a connected application. */
  readonly oidc?: OidcReport;
  /** The file's OIDC keys whoever's they are: what opening the file may look up. */
  readonly oidcSet?: OidcSet;
}

export interface AnalysisOptions {
  /** git would commit this file (it is in a repository and not ignored). */
  readonly committable: boolean;
  /**
   * The OIDC key names and what is known of the connected applications' Hosted Login. Without it
   * the OIDC keys are not read as such.
   */
  readonly oidc?: { readonly keys: OidcKeyNames; readonly hostedLogin: HostedLoginSnapshot };
}

export const EMPTY_SNAPSHOT: IndexSnapshot = {
  applications: [],
  lookup: () => undefined,
  secretOwner: () => undefined,
  stale: false,
};

/** A value worth calling a client ID when nobody knows it: placeholders such as `your-id` are not. */
const ID_SHAPE = /^[A-Za-z0-9]{16,64}$/;

export function analyzeEnv(
  text: string,
  keys: EnvKeyNames,
  index: IndexSnapshot,
  options: AnalysisOptions,
  t: Translate,
): EnvAnalysis {
  const found = findEnvCredentials(text, keys);
  const { values } = found;
  // The OIDC client ID names a login client, never a Capture API client: it is read below.
  const sets = options.oidc ? found.sets.filter((s) => s.id.key !== options.oidc!.keys.clientId) : found.sets;
  const findings: Finding[] = [];
  const reports: CredentialReport[] = [];
  const names = index.applications.map((a) => a.name);
  const directive = parseDirective(text, t, names);
  if (directive) {
    const problems = [...directive.problems, ...checkDirective(directive, names, t)];
    if (problems.length > 0) {
      findings.push({
        code: FindingCodes.directiveProblem,
        severity: 'warning',
        start: directive.start,
        end: directive.end,
        message: problems.join(' '),
      });
    }
  }
  const ownership = {
    keys,
    captureHosts: index.applications.map((a) => hostOf(a.domain)).filter((h): h is string => h !== undefined),
    directive: directive !== undefined,
  };
  const complete = index.applications.length > 0 && index.applications.every((a) => a.listed);
  const staleNote = index.stale
    ? ' ' + t('(The client list may be out of date: its last refresh failed.)')
    : '';
  for (const set of sets) {
    const id = set.id.value;
    const known = id ? index.lookup(id) : undefined;
    // An ID the index knows is ours; any other set only on evidence (ownership.ts).
    if (!known && !isIdentityCloudSet(set, ownership)) continue;
    if (!id) {
      reports.push({ set, state: 'empty', secret: 'missing' });
      continue;
    }
    if (!known) {
      const checkable = complete && ID_SHAPE.test(id);
      reports.push({ set, state: checkable ? 'notFound' : 'unchecked', secret: 'missing' });
      if (checkable) {
        // A warning, not an error: the client may live in an application not added here.
        findings.push({
          code: FindingCodes.unknownClient,
          severity: 'warning',
          ...at(set.id),
          clientId: id,
          keys: keyNamesOf(set, keys),
          message:
            t(
              'No API client {0} in {1}: it was deleted, or it belongs to an application not added here.',
              id,
              index.applications.map((a) => a.name).join(', '),
            ) + staleNote,
        });
      }
      continue;
    }
    const secret = secretState(set.secret, known);
    reports.push({ set, known, state: 'known', secret });
    const about = { clientId: id, application: known.application, keys: keyNamesOf(set, keys) };
    if (secret === 'outdated') {
      findings.push({
        code: FindingCodes.secretOutdated,
        severity: 'warning',
        ...at(set.secret!),
        ...about,
        message:
          t(
            '{0} is not the current secret of client {1} in {2}: it was reset, and the old one stops working when its grace period ends.',
            set.secret!.key,
            id,
            known.application,
          ) + staleNote,
      });
    }
    if (set.domain && set.domain.value) {
      const normalized = normalizeCaptureDomain(set.domain.value, t);
      if (!('origin' in normalized) || normalized.origin !== known.domain) {
        findings.push({
          code: FindingCodes.domainMismatch,
          severity: 'error',
          ...at(set.domain),
          ...about,
          message: t(
            '{0} is not the Capture domain of {1}, where client {2} lives ({3}).',
            set.domain.key,
            known.application,
            id,
            known.domain,
          ),
        });
      }
    }
    if (known.client.features.includes('owner')) {
      findings.push({
        code: FindingCodes.ownerInEnv,
        severity: 'warning',
        ...at(set.id),
        ...about,
        message: t(
          'Client {0} is an owner client of {1}: full administrative power in an app configuration. Create a client with only the features the app needs.',
          id,
          known.application,
        ),
      });
    }
  }
  if (options.committable) {
    for (const value of values) {
      const owner = value.value ? index.secretOwner(value.value) : undefined;
      if (!owner) continue;
      findings.push({
        code: FindingCodes.committableSecret,
        severity: 'warning',
        ...at(value),
        clientId: owner.client.clientId,
        application: owner.application,
        message: t(
          '{0} holds the secret of client {1} ({2}) and git would commit this file.',
          value.key,
          owner.client.clientId,
          owner.application,
        ),
      });
    }
  }
  const oidcSet = options.oidc ? findOidcSet(values, options.oidc.keys) : undefined;
  const oidc = options.oidc && oidcSet ? analyzeOidc(oidcSet, options.oidc.hostedLogin, t) : undefined;
  if (oidc) findings.push(...oidc.findings);
  return {
    findings,
    reports,
    ...(directive ? { directive } : {}),
    ...(oidc?.report ? { oidc: oidc.report } : {}),
    ...(oidcSet ? { oidcSet } : {}),
  };
}

function secretState(secret: EnvValue | undefined, known: IndexedClient): SecretState {
  if (!secret || !secret.value) return 'missing';
  return secret.value === known.client.clientSecret ? 'current' : 'outdated';
}

/** The value's range, or the key's when the value is empty. */
function at(value: EnvValue): { start: number; end: number } {
  return value.start < value.end
    ? { start: value.start, end: value.end }
    : { start: value.keyStart, end: value.keyEnd };
}

/** Builds a snapshot from each application's listing (undefined: not listed). */
export function buildSnapshot(
  listings: readonly {
    readonly name: string;
    readonly domain: string;
    readonly clients?: readonly ApiClient[];
    readonly ownerClientIds: readonly string[];
  }[],
  stale: boolean,
): IndexSnapshot {
  const lookup = new ClientLookup();
  lookup.configure(listings);
  for (const listing of listings) if (listing.clients) lookup.setClients(listing.name, listing.clients);
  lookup.setStale(stale);
  return lookup;
}
