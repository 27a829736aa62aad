import * as vscode from 'vscode';
import { checkFeatureSet } from '../api/features';
import { UserFacingError } from '../common/userFacingError';
import type { EnvKeyNames } from '../env/envCredentials';
import { isValidEnvKey } from '../env/envFile';
import type { ClientsTreeNode } from '../views/clientsTree';

// What commands accept besides a tree node: an argument object (keybindings, tasks, links, other
// extensions), checked here with a clear message for each wrong value.

/** Commands accept a tree node, nothing (palette), or an argument object (keybindings, tasks, other extensions). */
export type CommandArgument = ClientsTreeNode | Record<string, unknown> | undefined;

export function isTreeNode(arg: unknown): arg is ClientsTreeNode {
  return (
    !!arg &&
    typeof arg === 'object' &&
    'kind' in arg &&
    [
      'application',
      'client',
      'detail',
      'state',
      'settings',
      'setting',
      'loginClients',
      'loginClient',
      'loginDetail',
      'flows',
      'flow',
      'flowVersion',
    ].includes(String(arg.kind))
  );
}

/** A property of an argument object; undefined for tree nodes and when nothing was passed. */
export function argValue(arg: CommandArgument, name: string): unknown {
  return arg && !isTreeNode(arg) ? (arg as Record<string, unknown>)[name] : undefined;
}

/** Reads an optional string property of an argument object, rejecting other types with a clear message. */
export function stringArg(arg: CommandArgument, name: string): string | undefined {
  const value = argValue(arg, name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new UserFacingError(vscode.l10n.t('"{0}" must be a string.', name));
  return value;
}

/** Validates features given as a command argument; throws a clear error for unknown names. */
export function checkFeatureArgument(features: unknown, existing: readonly string[] = []): string[] {
  if (!Array.isArray(features) || features.some((f) => typeof f !== 'string')) {
    throw new UserFacingError(
      vscode.l10n.t('"features" must be a list of feature names, such as ["direct_read_access"].'),
    );
  }
  const problem = checkFeatureSet(features as string[], vscode.l10n.t, existing);
  if (problem) throw new UserFacingError(problem);
  return features as string[];
}

/**
 * The `keys` argument: the names to write credentials under (`{ clientId, clientSecret,
 * captureDomain }`), e.g. the set a quick fix was invoked on. Undefined when not given.
 */
export function envKeysArg(arg: CommandArgument): EnvKeyNames | undefined {
  const value = argValue(arg, 'keys');
  if (value === undefined) return undefined;
  const names = value as Partial<Record<keyof EnvKeyNames, unknown>> | null;
  const valid = (key: unknown): key is string => typeof key === 'string' && isValidEnvKey(key);
  if (
    !names ||
    typeof names !== 'object' ||
    !valid(names.clientId) ||
    !valid(names.clientSecret) ||
    !valid(names.captureDomain)
  ) {
    throw new UserFacingError(
      vscode.l10n.t(
        '"keys" must name the env keys to write, such as {0}.',
        '{ "clientId": "CHECKOUT_CLIENT_ID", "clientSecret": "CHECKOUT_CLIENT_SECRET", "captureDomain": "CHECKOUT_CAPTURE_DOMAIN" }',
      ),
    );
  }
  return { clientId: names.clientId, clientSecret: names.clientSecret, captureDomain: names.captureDomain };
}
