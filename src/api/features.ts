import type { Translate } from '../common/translate';

/** The API client features a user may assign, from least to most power (the order pickers show). */
export const ASSIGNABLE_FEATURES = [
  'login_client',
  'access_issuer',
  'direct_read_access',
  'direct_access',
  'owner',
] as const;

/** The feature that stands alone: a client that has it has no other. */
export const LOGIN_CLIENT = 'login_client';

export type Feature = (typeof ASSIGNABLE_FEATURES)[number];

/** Features that reach every user record or administer the application: confirm before granting. */
export const HIGH_RISK_FEATURES: readonly Feature[] = ['owner', 'direct_access'];

/** Only Akamai can assign it; it may appear on existing clients and is kept as it is. */
export const AKAMAI_ONLY_FEATURES = ['metadata'] as const;

export function isAssignableFeature(name: string): name is Feature {
  return (ASSIGNABLE_FEATURES as readonly string[]).includes(name);
}

export function featureDescription(feature: string, t: Translate): string {
  const known: Record<string, () => string> = {
    owner: () => t('Complete administrative access, including managing API clients and settings.'),
    access_issuer: () => t('Can issue access tokens for other clients.'),
    direct_read_access: () => t('Can read every user record.'),
    direct_access: () => t('Can read and write every user record.'),
    login_client: () => t('Can call the login and registration endpoints; it has no other feature.'),
    metadata: () => t('Assigned by Akamai only.'),
  };
  return Object.hasOwn(known, feature) ? known[feature]!() : t('Unknown feature.');
}

/**
 * Checks a set of features the user wants to give a client, before any call is made.
 * `existing` holds features the client already has, which may include Akamai-only ones that are kept.
 * Returns a plain-words problem, or undefined when the set is valid.
 */
export function checkFeatureSet(
  features: readonly string[],
  t: Translate,
  existing: readonly string[] = [],
): string | undefined {
  const unknown = features.filter(
    (f) =>
      !isAssignableFeature(f) &&
      !((AKAMAI_ONLY_FEATURES as readonly string[]).includes(f) && existing.includes(f)),
  );
  if (unknown.length > 0) {
    const akamaiOnly = unknown.filter((f) => (AKAMAI_ONLY_FEATURES as readonly string[]).includes(f));
    if (akamaiOnly.length === unknown.length) {
      return t('Only Akamai can assign the feature "{0}".', akamaiOnly.join('", "'));
    }
    return t(
      'Unknown feature "{0}". Valid features are: {1}.',
      unknown.join('", "'),
      ASSIGNABLE_FEATURES.join(', '),
    );
  }
  if (new Set(features).size !== features.length) {
    return t('A feature is listed twice.');
  }
  if (features.includes('login_client') && features.length > 1) {
    return t('login_client cannot be combined with any other feature. Create a separate client for it.');
  }
  return undefined;
}
