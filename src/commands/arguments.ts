import * as z from 'zod/mini';
import { checkFeatureSet } from '../api/features';
import { checkSettingKey, checkSettingsArgument } from '../api/settingsRules';
import { hoursToLiveSchema } from '../api/validation';
import type { Translate } from '../common/translate';
import { UserFacingError } from '../common/userFacingError';
import type { EnvKeyNames } from '../env/envCredentials';
import { isValidEnvKey } from '../env/envFile';
import { Commands, type CommandId } from '../ids';
import { TREE_NODE_KINDS } from '../views/nodeKinds';
import type { ClientsTreeNode } from '../views/clientsTree';

// What each command accepts besides a tree node: one argument object (keybindings, tasks, links,
// other extensions), parsed once when the command starts by that command's schema below. From
// then on the command works with the typed result; nothing reads the raw object again. Plain
// TypeScript: messages come through the `t` the caller passes (vscode.l10n.t in the extension),
// and the README's table of command arguments is rendered from the same schemas.
//
// Properties a command does not know are ignored, as before: a link or another extension may pass
// a wider object (one built for several commands), and whatever a misspelt name leaves out is
// asked for, so nothing happens that the user did not see.

/** How the README describes one property of an argument object. */
export interface ArgumentDoc {
  /** The value's type as a user writes it in JSON. */
  readonly type: string;
  readonly meaning: string;
  /** A JSON value. */
  readonly example: string;
  readonly required?: boolean;
}

const docs = z.registry<ArgumentDoc>();

function documented<S extends z.ZodMiniType>(schema: S, doc: ArgumentDoc): S {
  docs.add(schema, doc);
  return schema;
}

/** A value checked by a function that returns it or a problem in words (the existing checks). */
function checked<T>(check: (value: unknown) => { value: T } | { problem: string }) {
  return z.pipe(
    z.unknown(),
    z.transform((value: unknown, ctx) => {
      const result = check(value);
      if ('value' in result) return result.value;
      ctx.issues.push({ code: 'custom', message: result.problem, input: value });
      return z.NEVER;
    }),
  );
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Every property of every argument object, with its message for a wrong value. */
function fields(t: Translate) {
  const text = (name: string, doc: ArgumentDoc) =>
    documented(z.optional(z.string({ error: () => t('"{0}" must be a string.', name) })), doc);
  const required = (name: string, doc: Omit<ArgumentDoc, 'required'>) =>
    documented(
      z
        .string({
          error: (issue) =>
            issue.input === undefined ? t('"{0}" is required.', name) : t('"{0}" must be a string.', name),
        })
        .check(z.minLength(1, t('"{0}" is required.', name))),
      { ...doc, required: true },
    );
  const settingValue = (doc: ArgumentDoc) =>
    documented(z.optional(z.string({ error: () => t('"value" must be text (a string).') })), doc);
  const featureList = (doc: ArgumentDoc, names: (features: string[]) => string | undefined) =>
    documented(
      z.optional(
        checked((value) => {
          if (!isStringList(value))
            return {
              problem: t('"features" must be a list of feature names, such as ["direct_read_access"].'),
            };
          const problem = names(value);
          return problem ? { problem } : { value };
        }),
      ),
      doc,
    );
  const settingKey = (doc: ArgumentDoc) =>
    documented(
      z.optional(
        checked((value) => {
          if (typeof value !== 'string') return { problem: t('"{0}" must be a string.', 'key') };
          const problem = checkSettingKey(value, t);
          return problem ? { problem } : { value };
        }),
      ),
      doc,
    );
  const destination = documented(
    // A path is checked with the file system's URI rules when the command starts (checkDestination).
    z.optional(z.string({ error: () => t('"{0}" must be a string.', 'destination') })),
    {
      type: '"env" | "otherFile" | "clipboard" | path',
      meaning:
        "Where the credentials go: the workspace's `.env`, another file picked then, the clipboard, or the path of an env file (`.env`, `.env.*`, `*.env`). Asked when missing.",
      example: '".env.local"',
    },
  );
  return {
    application: text('application', {
      type: 'string',
      meaning: 'The application, by its name in `identityCloud.applications`. Picked when missing.',
      example: '"dev"',
    }),
    clientId: text('clientId', {
      type: 'string',
      meaning: 'The API client, by its client ID. Picked from the application’s clients when missing.',
      example: '"7d3xk9q2mwdp4rfh8cbvz6tnjs5gya1e"',
    }),
    loginClientId: text('loginClientId', {
      type: 'string',
      meaning: 'The login client, by its ID. Picked from the application’s login clients when missing.',
      example: '"b8e1a0f2-4c7d-4f3e-9a61-2d5c8e7f9b10"',
    }),
    destination,
    settings: documented(
      z.optional(
        checked((value) => {
          const result = checkSettingsArgument(value, t);
          return 'problem' in result ? result : { value: result.settings };
        }),
      ),
      {
        type: '{ key: value }',
        meaning:
          'Settings of the new client, written with one `settings/set_multi` after it is created. A login client’s flow is asked only when `default_flow_name` is not among them.',
        example: '{ "default_flow_name": "signIn" }',
      },
    ),
    text,
    required,
    settingValue,
    featureList,
    settingKey,
  };
}

/** Each command's argument object, built with the message formatter `t`. */
export function commandArguments(t: Translate) {
  const f = fields(t);
  const application = { application: f.application };
  const client = { application: f.application, clientId: f.clientId };
  const loginClient = { application: f.application, loginClientId: f.loginClientId };
  const settingKey = f.settingKey({
    type: 'string',
    meaning:
      'The key of the client’s setting. Picked from its settings (or typed, for Add Setting) when missing.',
    example: '"default_flow_name"',
  });
  const settingValue = f.settingValue({
    type: 'string',
    meaning: 'The setting’s new value. Asked when missing.',
    example: '"signIn"',
  });
  const defaultKey = f.settingKey({
    type: 'string',
    meaning: 'The key of the application default. Asked when missing.',
    example: '"default_flow_name"',
  });
  const object = <S extends z.core.$ZodLooseShape>(shape: S) =>
    z.object(shape, {
      error: () =>
        t('The argument must be an object of named values, such as {0}.', '{ "application": "dev" }'),
    });
  return {
    [Commands.addApplication]: object({
      name: f.text('name', {
        type: 'string',
        meaning: 'The name the application gets in VS Code.',
        example: '"dev"',
      }),
      domain: f.text('domain', {
        type: 'string',
        meaning: 'The Capture domain (`https://…`).',
        example: '"https://acme-dev.us.janraincapture.com"',
      }),
      clientId: f.text('clientId', {
        type: 'string',
        meaning: 'The owner API client’s ID. Its secret is only ever typed into a password box.',
        example: '"7d3xk9q2mwdp4rfh8cbvz6tnjs5gya1e"',
      }),
    }),
    [Commands.setOwnerCredentials]: object(application),
    [Commands.removeApplication]: object(application),
    [Commands.refresh]: object({
      application: f.text('application', {
        type: 'string',
        meaning: 'The application whose clients are listed again; every application when missing.',
        example: '"dev"',
      }),
    }),
    [Commands.checkConnection]: object(application),
    [Commands.createClient]: object({
      application: f.application,
      description: f.text('description', {
        type: 'string',
        meaning: 'The new client’s description. Asked when missing.',
        example: '"checkout service"',
      }),
      features: f.featureList(
        {
          type: 'string[]',
          meaning:
            'The new client’s features (`login_client`, `access_issuer`, `direct_read_access`, `direct_access`, `owner`). Asked when missing.',
          example: '["direct_read_access"]',
        },
        (features) => checkFeatureSet(features, t),
      ),
      destination: f.destination,
      keys: documented(
        z.optional(
          checked((value): { value: EnvKeyNames } | { problem: string } => {
            const names = value as Partial<Record<keyof EnvKeyNames, unknown>> | null;
            const valid = (key: unknown): key is string => typeof key === 'string' && isValidEnvKey(key);
            if (
              !names ||
              typeof names !== 'object' ||
              !valid(names.clientId) ||
              !valid(names.clientSecret) ||
              !valid(names.captureDomain)
            ) {
              return {
                problem: t(
                  '"keys" must name the env keys to write, such as {0}.',
                  '{ "clientId": "CHECKOUT_CLIENT_ID", "clientSecret": "CHECKOUT_CLIENT_SECRET", "captureDomain": "CHECKOUT_CAPTURE_DOMAIN" }',
                ),
              };
            }
            const { clientId, clientSecret, captureDomain } = names;
            return { value: { clientId, clientSecret, captureDomain } };
          }),
        ),
        {
          type: '{ clientId, clientSecret, captureDomain }',
          meaning: 'The env key names to write the credentials under, instead of `identityCloud.envKeys`.',
          example:
            '{ "clientId": "CHECKOUT_CLIENT_ID", "clientSecret": "CHECKOUT_CLIENT_SECRET", "captureDomain": "CHECKOUT_CAPTURE_DOMAIN" }',
        },
      ),
      settings: f.settings,
      prefill: documented(
        z.optional(z.boolean({ error: () => t('"{0}" must be true or false.', 'prefill') })),
        {
          type: 'boolean',
          meaning:
            'With `true` (a link, an env file’s directive), the given description and features are only suggestions: every step is still shown.',
          example: 'true',
        },
      ),
    }),
    [Commands.copyClientId]: object(client),
    [Commands.copyCredentials]: object(client),
    [Commands.clearAllowList]: object(client),
    [Commands.deleteClient]: object(client),
    [Commands.checkCredentials]: object(client),
    [Commands.pickFlow]: object(client),
    [Commands.writeCredentialsToEnv]: object({ ...client, destination: f.destination }),
    [Commands.editDescription]: object({
      ...client,
      description: f.text('description', {
        type: 'string',
        meaning: 'The new description. Asked when missing.',
        example: '"checkout service"',
      }),
    }),
    [Commands.editFeatures]: object({
      ...client,
      // The names are checked against the client's own features once it is known (Akamai-only ones stay).
      features: f.featureList(
        {
          type: 'string[]',
          meaning:
            'The client’s features from now on; features only Akamai assigns are kept. Picked when missing.',
          example: '["direct_read_access", "access_issuer"]',
        },
        () => undefined,
      ),
    }),
    [Commands.editAllowList]: object({
      ...client,
      allowList: documented(
        z.optional(
          checked((value) =>
            isStringList(value)
              ? { value }
              : { problem: t('"allowList" must be a list of address ranges, such as ["203.0.113.0/24"].') },
          ),
        ),
        {
          type: 'string[]',
          meaning:
            'The IPv4 address ranges allowed to use the client (replacing the list). Asked when missing.',
          example: '["203.0.113.0/24"]',
        },
      ),
    }),
    [Commands.resetSecret]: object({
      ...client,
      hoursToLive: documented(
        z.optional(
          checked((value) => {
            const parsed = hoursToLiveSchema.safeParse(value);
            return parsed.success
              ? { value: parsed.data }
              : { problem: t('"hoursToLive" must be a whole number of hours from 0 to 168.') };
          }),
        ),
        {
          type: 'number (0–168)',
          meaning: 'How many hours the old secret keeps working. Asked when missing.',
          example: '24',
        },
      ),
      destination: f.destination,
    }),
    [Commands.addSetting]: object({ ...client, key: settingKey, value: settingValue }),
    [Commands.editSettingValue]: object({ ...client, key: settingKey, value: settingValue }),
    [Commands.deleteSetting]: object({ ...client, key: settingKey }),
    [Commands.copySettingValue]: object({ ...client, key: settingKey }),
    [Commands.setApplicationDefault]: object({
      ...application,
      key: defaultKey,
      value: f.settingValue({
        type: 'string',
        meaning: 'The default’s new value. Asked when missing.',
        example: '"signIn"',
      }),
    }),
    [Commands.deleteApplicationDefault]: object({ ...application, key: defaultKey }),
    [Commands.connectHostedLogin]: object({
      ...application,
      oidcUrl: f.text('oidcUrl', {
        type: 'string',
        meaning: 'The Hosted Login OIDC address (or give `customerId`). Asked when missing.',
        example: '"https://v1.api.us.janrain.com/00000000-0000-0000-0000-000000000000/login"',
      }),
      customerId: f.text('customerId', {
        type: 'string',
        meaning: 'The Hosted Login customer ID, when `oidcUrl` is not given.',
        example: '"00000000-0000-0000-0000-000000000000"',
      }),
      region: f.text('region', {
        type: 'string',
        meaning: 'The Hosted Login region (`us`, `eu`, …) that goes with `customerId`.',
        example: '"us"',
      }),
      configClientId: f.text('configClientId', {
        type: 'string',
        meaning: 'The configuration client’s ID. Its secret is only ever typed into a password box.',
        example: '"c0nf1g00-0000-0000-0000-000000000000"',
      }),
    }),
    [Commands.createLoginClient]: object({
      ...application,
      name: f.text('name', {
        type: 'string',
        meaning: 'The login client’s name. Asked when missing.',
        example: '"checkout web"',
      }),
      type: documented(
        z.optional(
          z.enum(['public', 'confidential'], {
            error: () => t('"type" must be "public" or "confidential".'),
          }),
        ),
        {
          type: '"public" | "confidential"',
          meaning: 'The login client’s type. Asked when missing.',
          example: '"public"',
        },
      ),
      settings: f.settings,
    }),
    [Commands.editRedirectUris]: object({
      ...loginClient,
      add: f.text('add', {
        type: 'string',
        meaning:
          'A redirect URI to offer added to the list (the quick fix on an env file’s `OIDC_REDIRECT_URI`). Nothing is saved before the list is confirmed.',
        example: '"http://localhost:5173/callback"',
      }),
    }),
    [Commands.deleteLoginClient]: object(loginClient),
    [Commands.copyLoginClientId]: object(loginClient),
    [Commands.trySignIn]: object(loginClient),
    [Commands.resetLoginClientSecret]: object({ ...loginClient, destination: f.destination }),
    [Commands.writeLoginClientToEnv]: object({
      ...loginClient,
      destination: f.destination,
      redirectUri: f.text('redirectUri', {
        type: 'string',
        meaning:
          'The redirect URI written as `OIDC_REDIRECT_URI`; one of the client’s. Picked when it has several.',
        example: '"http://localhost:3000/callback"',
      }),
    }),
    [Commands.connectConfigApi]: object({
      ...application,
      appId: f.text('appId', {
        type: 'string',
        meaning: 'The application’s ID in the Configuration API. Asked when missing.',
        example: '"abcd1234efgh5678ijkl9012mn"',
      }),
      region: f.text('region', {
        type: 'string',
        meaning:
          'The Configuration API region: `us`, `eu`, `au`, `sa`, `cn`, `sg`, or an `https://` API host.',
        example: '"eu"',
      }),
    }),
    // Behind the editor's lenses, hovers and quick fixes on env files (and the /reveal link).
    [Commands.revealClient]: object({
      clientId: f.required('clientId', {
        type: 'string',
        meaning: 'The API client to select in the Identity Cloud view.',
        example: '"7d3xk9q2mwdp4rfh8cbvz6tnjs5gya1e"',
      }),
      application: f.text('application', {
        type: 'string',
        meaning: 'The application to look in; every application when missing.',
        example: '"dev"',
      }),
    }),
    [Commands.updateEnvCredential]: object({
      uri: f.required('uri', {
        type: 'string',
        meaning: 'The env file to change, as a URI.',
        example: '"file:///work/app/.env"',
      }),
      clientId: f.required('clientId', {
        type: 'string',
        meaning: 'The API client whose value is written.',
        example: '"7d3xk9q2mwdp4rfh8cbvz6tnjs5gya1e"',
      }),
      field: documented(
        z.optional(z.enum(['secret', 'domain'], { error: () => t('"field" must be "secret" or "domain".') })),
        {
          type: '"secret" | "domain"',
          meaning: 'Which value to write; the secret when missing.',
          example: '"domain"',
        },
      ),
      application: f.text('application', {
        type: 'string',
        meaning: 'The application to look in; every application when missing.',
        example: '"dev"',
      }),
    }),
    [Commands.checkEnvCredentials]: object({
      uri: f.required('uri', {
        type: 'string',
        meaning: 'The env file, as a URI.',
        example: '"file:///work/app/.env"',
      }),
      key: f.required('key', {
        type: 'string',
        meaning:
          'The env key holding the client ID; the secret beside it is read from the file, never passed.',
        example: '"IDENTITY_CLOUD_CLIENT_ID"',
      }),
    }),
    [Commands.addToGitIgnore]: object({
      uri: f.required('uri', {
        type: 'string',
        meaning: 'The env file to add to `.gitignore`, as a URI.',
        example: '"file:///work/app/.env"',
      }),
    }),
  } satisfies Partial<Record<CommandId, z.ZodMiniObject>>;
}

export type CommandArguments = ReturnType<typeof commandArguments>;

/** The parsed argument object of a command; `{}` for a command that takes none. */
export type ArgsOf<C extends CommandId> = C extends keyof CommandArguments
  ? z.output<CommandArguments[C]>
  : Record<string, never>;

/** How a command was invoked, parsed once at its start. */
export interface Invocation<A> {
  /** The Identity Cloud view's node it was run on; undefined from the palette, a keybinding, a link. */
  readonly node?: ClientsTreeNode;
  /** The argument object, checked and typed; every property is missing when a node or nothing was passed. */
  readonly args: A;
}

export type CommandInvocation<C extends CommandId> = Invocation<ArgsOf<C>>;

export function isTreeNode(arg: unknown): arg is ClientsTreeNode {
  return (
    !!arg &&
    typeof arg === 'object' &&
    'kind' in arg &&
    (TREE_NODE_KINDS as readonly unknown[]).includes(arg.kind)
  );
}

/**
 * Parses what a command was invoked with, once: a tree node, an argument object checked by the
 * command's schema, or nothing. A wrong value throws a UserFacingError that says what is expected.
 * A command without a schema ignores an argument object (it takes none).
 */
export function parseInvocation(
  schema: z.ZodMiniObject | undefined,
  raw: unknown,
  t: Translate,
): Invocation<Record<string, unknown>> {
  const node = isTreeNode(raw) ? raw : undefined;
  if (!schema) return { node, args: {} };
  const parsed = schema.safeParse(node || raw === undefined || raw === null ? {} : raw);
  if (!parsed.success)
    throw new UserFacingError(
      parsed.error.issues[0]?.message ?? t('The argument of this command is not valid.'),
    );
  return { node, args: parsed.data };
}

/** Each command's properties with their descriptions, in the schemas' order. */
export function argumentDocs(
  schemas: CommandArguments,
): Array<{ command: CommandId; properties: Array<{ name: string; doc: ArgumentDoc }> }> {
  return (Object.entries(schemas) as Array<[CommandId, z.ZodMiniObject]>).map(([command, schema]) => ({
    command,
    properties: Object.entries(schema.def.shape).map(([name, field]) => {
      const doc = docs.get(field);
      if (!doc) throw new Error(`${command}: "${name}" has no description`);
      return { name, doc };
    }),
  }));
}

/**
 * The README's table of command arguments, from the schemas: one row per property, commands
 * that take the same properties (with the same meanings) sharing their rows.
 */
export function renderArgumentTable(schemas: CommandArguments): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const groups: Array<{ commands: string[]; rows: string[] }> = [];
  for (const { command, properties } of argumentDocs(schemas)) {
    const rows = properties.map(({ name, doc }) =>
      [
        `\`${name}\`${doc.required ? ' (required)' : ''}`,
        `\`${cell(doc.type)}\``,
        cell(doc.meaning),
        `\`${cell(doc.example)}\``,
      ].join(' | '),
    );
    const same = groups.find((g) => g.rows.join('\n') === rows.join('\n'));
    if (same) same.commands.push(command);
    else groups.push({ commands: [command], rows });
  }
  const lines = ['| Command | Argument | Type | Meaning | Example |', '|---|---|---|---|---|'];
  for (const { commands, rows } of groups) {
    const names = commands.map((c, i) => `\`${i === 0 ? c : c.replace(/^identityCloud\./, '')}\``);
    rows.forEach((row, i) => lines.push(`| ${i === 0 ? names.join(', ') : ''} | ${row} |`));
  }
  return lines.join('\n') + '\n';
}
