/**
 * The copies of a client's secret in an env file's text, and the change that gives each the new
 * secret after a reset. Pure: the rotation after Reset Secret (src/workspace/rotation.ts) runs it
 * once to offer, and again on the text as it is when the user answers, so that only a value that
 * still holds the old secret is replaced. The change itself is {@link upsertEnv}'s, the one way
 * an env file's values are changed: a value that needs quoting is written quoted.
 */
import { findEnvCredentials, type EnvKeyNames } from './envCredentials';
import { EnvFileError, upsertEnv, type UpsertResult } from './envFile';

export type SecretUpdate =
  /** The text holds the client with another secret: `change` gives those keys the new one. */
  | {
      readonly kind: 'update';
      readonly keys: readonly string[];
      /** The secrets those keys hold now, in the same order. */
      readonly oldValues: readonly string[];
      readonly change: UpsertResult;
    }
  /** The text holds no copy of the client with another secret (none at all, or already the new one). */
  | { readonly kind: 'none' }
  /** It holds one, but the new secret cannot be written there without changing how dotenv reads the file. */
  | { readonly kind: 'cannotWrite'; readonly keys: readonly string[]; readonly reason: string };

/**
 * `stillHolding`: when given, only a copy whose secret is one of these values is changed (the
 * values seen when the update was offered: one typed by hand since is left as it is).
 */
export function planSecretUpdate(
  text: string,
  keys: EnvKeyNames,
  clientId: string,
  newSecret: string,
  stillHolding?: ReadonlySet<string>,
): SecretUpdate {
  const copies = findEnvCredentials(text, keys).sets.filter(
    (s) =>
      s.id.value === clientId &&
      s.secret?.value &&
      s.secret.value !== newSecret &&
      (stillHolding === undefined || stillHolding.has(s.secret.value)),
  );
  const secretKeys = copies.map((s) => s.secret!.key);
  const oldValues = copies.map((s) => s.secret!.value);
  if (secretKeys.length === 0) return { kind: 'none' };
  try {
    const change = upsertEnv(
      text,
      secretKeys.map((key) => ({ key, value: newSecret })),
    );
    return { kind: 'update', keys: secretKeys, oldValues, change };
  } catch (error) {
    if (error instanceof EnvFileError)
      return { kind: 'cannotWrite', keys: secretKeys, reason: error.message };
    throw error;
  }
}
