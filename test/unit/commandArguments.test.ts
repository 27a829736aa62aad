// The commands' argument objects (src/commands/arguments.ts), parsed in plain Node as the
// extension parses them when a command starts: what each command accepts, the message for each
// wrong value, and the README's table of them.
import { strict as assert } from 'node:assert';
import {
  argumentDocs,
  commandArguments,
  isTreeNode,
  parseInvocation,
  renderArgumentTable,
} from '../../src/commands/arguments';
import { formatMessage as t } from '../../src/common/translate';
import { UserFacingError } from '../../src/common/userFacingError';
import { Commands, type CommandId } from '../../src/ids';
import { TREE_NODE_KINDS } from '../../src/views/nodeKinds';
import { checkReadmeBlock } from './readmeBlock';

const schemas = commandArguments(t);
const schemaOf = (command: CommandId) =>
  (schemas as Partial<Record<CommandId, (typeof schemas)[keyof typeof schemas]>>)[command];

/** What the command is handed for `raw`, as registerCommands parses it. */
const parse = (command: CommandId, raw: unknown) => parseInvocation(schemaOf(command), raw, t);

/** The message a user sees for `raw`. */
function refusal(command: CommandId, raw: unknown): string {
  try {
    parse(command, raw);
  } catch (error) {
    assert.ok(error instanceof UserFacingError, `a UserFacingError, not ${String(error)}`);
    return error.message;
  }
  assert.fail(`${command} accepted ${JSON.stringify(raw)}`);
}

const app = { name: 'dev', domain: 'https://dev.example.com', clientId: 'owner' };

describe('command arguments', () => {
  it("accepts every command's documented example, and hands it over typed", () => {
    for (const { command, properties } of argumentDocs(schemas)) {
      const example = Object.fromEntries(properties.map(({ name, doc }) => [name, JSON.parse(doc.example)]));
      const { node, args } = parse(command, example);
      assert.equal(node, undefined, command);
      assert.deepEqual(args, example, command);
    }
  });

  it('gives the typed values a command reads', () => {
    assert.deepEqual(
      parse(Commands.resetSecret, {
        application: 'dev',
        clientId: 'abc',
        hoursToLive: 24,
        destination: '.env.local',
      }).args,
      { application: 'dev', clientId: 'abc', hoursToLive: 24, destination: '.env.local' },
    );
    assert.deepEqual(
      parse(Commands.createClient, {
        keys: { clientId: 'A_ID', clientSecret: 'A_SECRET', captureDomain: 'A_DOMAIN', other: 'x' },
        settings: { default_flow_name: 'signIn' },
        prefill: true,
      }).args,
      {
        keys: { clientId: 'A_ID', clientSecret: 'A_SECRET', captureDomain: 'A_DOMAIN' },
        settings: { default_flow_name: 'signIn' },
        prefill: true,
      },
    );
  });

  it('asks for everything when nothing is passed (the palette)', () => {
    for (const command of [Commands.createClient, Commands.resetSecret, Commands.addApplication]) {
      assert.deepEqual(parse(command, undefined), { node: undefined, args: {} });
      assert.deepEqual(parse(command, null), { node: undefined, args: {} });
    }
  });

  it('ignores properties a command does not take, as it always did', () => {
    assert.deepEqual(
      parse(Commands.trySignIn, { application: 'dev', loginClientId: 'x', name: 'web', type: 'public' }).args,
      {
        application: 'dev',
        loginClientId: 'x',
      },
    );
    assert.deepEqual(parse(Commands.refresh, { aplication: 'dev' }).args, {});
  });

  it('hands a tree node over as the node, with no argument values', () => {
    const node = { kind: 'application', app };
    assert.deepEqual(parse(Commands.createClient, node), { node, args: {} });
    const setting = { kind: 'setting', app, client: {}, own: false, key: 'k', value: 'v' };
    assert.equal(parse(Commands.editSettingValue, setting).node, setting);
    // A command that takes no argument object still gets its node, and ignores an object.
    const flow = { kind: 'flow', app, flow: 'signIn' };
    assert.deepEqual(parse(Commands.copyFlowName, flow), { node: flow, args: {} });
    assert.deepEqual(parse(Commands.showLog, { anything: 1 }), { node: undefined, args: {} });
  });

  it('tells every kind of tree node from an argument object', () => {
    for (const kind of TREE_NODE_KINDS) assert.ok(isTreeNode({ kind }), kind);
    assert.ok(!isTreeNode({ kind: 'file' }));
    assert.ok(!isTreeNode({ application: 'dev' }));
    assert.ok(!isTreeNode('application'));
    assert.ok(!isTreeNode(undefined));
  });

  describe('a wrong value is refused with a message that says what is expected', () => {
    const cases: Array<[CommandId, unknown, string | RegExp]> = [
      [
        Commands.createClient,
        'dev',
        'The argument must be an object of named values, such as { "application": "dev" }.',
      ],
      [Commands.resetSecret, ['dev'], /must be an object of named values/],
      [Commands.createClient, { application: 7 }, '"application" must be a string.'],
      [Commands.resetSecret, { application: 'dev', clientId: 42 }, '"clientId" must be a string.'],
      [Commands.createClient, { description: null }, '"description" must be a string.'],
      [Commands.writeCredentialsToEnv, { destination: true }, '"destination" must be a string.'],
      [Commands.connectConfigApi, { appId: 3 }, '"appId" must be a string.'],
      [Commands.connectHostedLogin, { region: ['us'] }, '"region" must be a string.'],
      [Commands.writeLoginClientToEnv, { redirectUri: 1 }, '"redirectUri" must be a string.'],
      [Commands.addApplication, { domain: {} }, '"domain" must be a string.'],
      [
        Commands.createClient,
        { features: 'direct_read_access' },
        '"features" must be a list of feature names, such as ["direct_read_access"].',
      ],
      [Commands.editFeatures, { features: [1] }, /"features" must be a list of feature names/],
      [
        Commands.createClient,
        { features: ['read_everything'] },
        /^Unknown feature "read_everything"\. Valid features are: /,
      ],
      [Commands.createClient, { features: ['metadata'] }, 'Only Akamai can assign the feature "metadata".'],
      [
        Commands.editAllowList,
        { allowList: '203.0.113.0/24' },
        '"allowList" must be a list of address ranges, such as ["203.0.113.0/24"].',
      ],
      [
        Commands.resetSecret,
        { hoursToLive: 200 },
        '"hoursToLive" must be a whole number of hours from 0 to 168.',
      ],
      [
        Commands.resetSecret,
        { hoursToLive: 1.5 },
        '"hoursToLive" must be a whole number of hours from 0 to 168.',
      ],
      [
        Commands.resetSecret,
        { hoursToLive: '24' },
        '"hoursToLive" must be a whole number of hours from 0 to 168.',
      ],
      [
        Commands.resetSecret,
        { hoursToLive: -1 },
        '"hoursToLive" must be a whole number of hours from 0 to 168.',
      ],
      [
        Commands.createClient,
        { keys: { clientId: 'A_ID', clientSecret: 'A_SECRET' } },
        /^"keys" must name the env keys to write, such as \{ "clientId"/,
      ],
      [
        Commands.createClient,
        { keys: { clientId: 'A ID', clientSecret: 'S', captureDomain: 'D' } },
        /^"keys" must name/,
      ],
      [Commands.createClient, { keys: 'A_ID' }, /^"keys" must name/],
      [
        Commands.createClient,
        { settings: ['a'] },
        '"settings" must be an object of keys and text values, such as {"default_flow_name": "signIn"}.',
      ],
      [
        Commands.createLoginClient,
        { settings: { default_flow_name: 3 } },
        'The value of setting "default_flow_name" must be text (a string).',
      ],
      [
        Commands.createClient,
        { settings: { ' x': 'y' } },
        '"settings" has a bad key " x": The key must not start or end with spaces.',
      ],
      [Commands.createClient, { prefill: 'yes' }, '"prefill" must be true or false.'],
      [Commands.addSetting, { key: 'a\nb' }, 'The key must be a single line without control characters.'],
      [Commands.deleteSetting, { key: 5 }, '"key" must be a string.'],
      [Commands.setApplicationDefault, { key: '' }, 'Enter a key, such as default_flow_name.'],
      [Commands.addSetting, { value: 5 }, '"value" must be text (a string).'],
      [Commands.setApplicationDefault, { value: false }, '"value" must be text (a string).'],
      [Commands.createLoginClient, { type: 'private' }, '"type" must be "public" or "confidential".'],
      [
        Commands.updateEnvCredential,
        { uri: 'file:///a/.env', clientId: 'x', field: 'id' },
        '"field" must be "secret" or "domain".',
      ],
      [Commands.revealClient, {}, '"clientId" is required.'],
      [Commands.revealClient, { clientId: '' }, '"clientId" is required.'],
      [Commands.revealClient, undefined, '"clientId" is required.'],
      [Commands.revealClient, { kind: 'client', app }, '"clientId" is required.'],
      [Commands.revealClient, { clientId: 9 }, '"clientId" must be a string.'],
      [Commands.checkEnvCredentials, { uri: 'file:///a/.env' }, '"key" is required.'],
      [Commands.addToGitIgnore, {}, '"uri" is required.'],
    ];
    for (const [command, raw, expected] of cases) {
      it(`${command.replace('identityCloud.', '')} ${JSON.stringify(raw)}`, () => {
        const message = refusal(command, raw);
        if (typeof expected === 'string') assert.equal(message, expected);
        else assert.match(message, expected);
      });
    }
  });

  it('names the first wrong value when there are several', () => {
    assert.equal(
      refusal(Commands.resetSecret, { clientId: 1, hoursToLive: 500 }),
      '"clientId" must be a string.',
    );
  });

  it('describes every property of every command', () => {
    for (const { command, properties } of argumentDocs(schemas)) {
      assert.ok(properties.length > 0, command);
      for (const { name, doc } of properties) {
        assert.ok(doc.type && doc.meaning && doc.example, `${command} ${name}`);
        assert.doesNotThrow(() => JSON.parse(doc.example), `${command} ${name}: the example is JSON`);
      }
    }
  });

  it('renders one table row per property, commands with the same properties sharing rows', () => {
    const table = renderArgumentTable(schemas);
    const rows = table.trim().split('\n').slice(2);
    assert.ok(table.includes('| `identityCloud.resetSecret` | `application` |'));
    assert.ok(table.includes('|  | `hoursToLive` | `number (0–168)` |'));
    assert.ok(table.includes('`"env" \\| "otherFile" \\| "clipboard" \\| path`'), 'pipes are escaped');
    // Copy Client ID, Copy Credentials, Clear Allow List, Delete Client… take { application, clientId }.
    const shared = rows.find((r) => r.startsWith('| `identityCloud.copyClientId`'));
    assert.ok(shared?.includes('`deleteClient`'), shared);
    for (const { command } of argumentDocs(schemas)) {
      assert.ok(
        table.includes(`\`${command}\``) || table.includes(`\`${command.replace('identityCloud.', '')}\``),
        command,
      );
    }
  });

  it("is the README's table of command arguments (UPDATE_README=1 rewrites it)", () => {
    checkReadmeBlock('command-arguments', 'src/commands/arguments.ts', renderArgumentTable(schemas));
  });
});
