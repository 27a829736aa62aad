import { strict as assert } from 'node:assert';
import { CaptureClient, parseCaptureResponse } from '../../src/api/captureClient';
import { describeFailure } from '../../src/api/errorMessages';
import { CaptureApiError, TransportError } from '../../src/api/errors';
import { SettingsClient } from '../../src/api/settingsClient';
import {
  checkSettingKey,
  checkSettingsArgument,
  classifyProbe,
  describeCheck,
  shortValue,
} from '../../src/api/settingsRules';
import {
  settingFlagResponseSchema,
  settingFlagsResponseSchema,
  settingValueResponseSchema,
  settingsItemsResponseSchema,
  settingsKeysResponseSchema,
} from '../../src/api/schemas';
import { formatMessage as t } from '../../src/common/translate';
import { startEmulator, type Emulator } from '../emulator/emulator';

// The settings calls over real HTTP against the emulator: what is sent (form fields, JSON inside
// a form field, for_client_id), what comes back, and who may call what.

describe('SettingsClient against the emulator', () => {
  let emulator: Emulator;
  let owner: SettingsClient;

  const as = (creds: { clientId: string; clientSecret: string }) =>
    new SettingsClient(new CaptureClient({ domain: emulator.domain, ...creds }));
  const last = (op: string) => emulator.requests.filter((r) => r.op === op).at(-1)!;

  beforeEach(async () => {
    emulator = await startEmulator();
    owner = as(emulator.owner);
  });
  afterEach(() => emulator.close());

  it('sends every call as a form POST to /settings/<op>, always naming the client', async () => {
    const c = emulator.addClient({ features: ['direct_read_access'] });
    await owner.set(c.clientId, 'a', '1');
    await owner.setMulti(c.clientId, { b: '2', c: '3' });
    await owner.items(c.clientId);
    await owner.keys(c.clientId);
    await owner.get(c.clientId, 'a');
    await owner.getMulti(c.clientId, ['a', 'b']);
    await owner.delete(c.clientId, 'a');
    for (const op of ['set', 'set_multi', 'items', 'keys', 'get', 'get_multi', 'delete']) {
      const r = last(`settings/${op}`);
      assert.equal(r.method, 'POST');
      assert.match(r.contentType ?? '', /^application\/x-www-form-urlencoded/);
      assert.equal(r.params.for_client_id, c.clientId, `${op} sends for_client_id`);
    }
    assert.equal(
      last('settings/set_multi').params.items,
      '{"b":"2","c":"3"}',
      'items is JSON inside the form',
    );
    assert.equal(last('settings/get_multi').params.keys, '["a","b"]', 'keys is JSON inside the form');
    assert.deepEqual(last('settings/set').params, { for_client_id: c.clientId, key: 'a', value: '1' });
  });

  it('round-trips empty, JSON, URL and multi-line values exactly', async () => {
    const c = emulator.addClient({ features: ['login_client'] });
    const values = {
      empty: '',
      json: '{"a":[1,2,{"b":"c d"}]}',
      url: 'https://example.com/reset?next=%2Fhome&x=1#top',
      lines: 'line one\r\nline two\n\ttabbed  ',
      unicode: 'Grüße — 日本 🚀',
    };
    for (const [key, value] of Object.entries(values))
      assert.equal(await owner.set(c.clientId, key, value), false);
    assert.deepEqual(await owner.items(c.clientId), values);
    assert.equal(await owner.set(c.clientId, 'empty', 'now set'), true, 'an overwrite says so');
    assert.deepEqual(emulator.client(c.clientId)!.settings, { ...values, empty: 'now set' });
  });

  it('set_multi reports per key whether it overwrote, and items shows defaults under own values', async () => {
    const c = emulator.addClient({ features: ['login_client'], settings: { default_flow_name: 'old' } });
    assert.deepEqual(
      await owner.setMulti(c.clientId, { default_flow_name: 'signIn', default_flow_version: 'HEAD' }),
      {
        default_flow_name: true,
        default_flow_version: false,
      },
    );
    assert.equal(await owner.getDefault('site_name'), undefined);
    assert.equal(await owner.setDefault('site_name', 'Shop'), false);
    assert.equal(await owner.setDefault('default_flow_name', 'fallback'), false);
    assert.equal(await owner.getDefault('site_name'), 'Shop');
    assert.deepEqual(await owner.items(c.clientId), {
      default_flow_name: 'signIn',
      default_flow_version: 'HEAD',
      site_name: 'Shop',
    });
    assert.equal(await owner.deleteDefault('site_name'), true);
    assert.equal(await owner.deleteDefault('site_name'), false);
    assert.equal(await owner.get(c.clientId, 'site_name'), undefined);
    assert.deepEqual(last('settings/set_default').params, { key: 'default_flow_name', value: 'fallback' });
    assert.equal(await owner.delete(c.clientId, 'default_flow_name'), true);
    assert.equal(await owner.get(c.clientId, 'default_flow_name'), 'fallback', 'the default shows through');
  });

  it('lets a client with a feature read its own settings without for_client_id', async () => {
    const c = emulator.addClient({ features: ['login_client'], settings: { k: 'v' } });
    assert.deepEqual(await as(c).ownItems(), { k: 'v' });
    assert.equal(last('settings/items').params.for_client_id, undefined);
    assert.equal(last('settings/items').authClientId, c.clientId);
  });

  it("refuses a non-owner's writes, another client's settings, and a client with no features (403)", async () => {
    const c = emulator.addClient({ features: ['direct_read_access'] });
    const other = emulator.addClient({ features: [] });
    const refused = async (p: Promise<unknown>) =>
      assert.equal(((await p.catch((e: unknown) => e)) as CaptureApiError).code, 403);
    await refused(as(c).set(c.clientId, 'k', 'v'));
    await refused(as(c).items(other.clientId));
    await refused(as(other).ownItems());
  });

  it('answers 402 to a wrong secret and 403 outside the allow list', async () => {
    const c = emulator.addClient({ features: ['login_client'], whitelist: ['203.0.113.0/24'] });
    const code = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as CaptureApiError).code;
    assert.equal(await code(as({ clientId: c.clientId, clientSecret: 'wrong' }).ownItems()), 402);
    assert.equal(await code(as(c).ownItems()), 403);
  });

  it('gives the documented argument errors for bad JSON, a missing key and a non-string value', async () => {
    const c = emulator.addClient({ features: ['login_client'] });
    const capture = new CaptureClient({ domain: emulator.domain, ...emulator.owner });
    const error = async (op: 'settings/set_multi' | 'settings/set', params: Record<string, string>) =>
      (await capture
        .post(op, params, settingFlagResponseSchema, {})
        .catch((e: unknown) => e)) as CaptureApiError;
    const badJson = await error('settings/set_multi', { for_client_id: c.clientId, items: '{"a":' });
    assert.deepEqual([badJson.code, badJson.error, badJson.argumentName], [200, 'invalid_argument', 'items']);
    const notString = await error('settings/set_multi', { for_client_id: c.clientId, items: '{"a":1}' });
    assert.deepEqual([notString.code, notString.argumentName], [200, 'items']);
    assert.match(notString.description ?? '', /value of a must be a string/);
    const noKey = await error('settings/set', { for_client_id: c.clientId, value: 'v' });
    assert.deepEqual([noKey.code, noKey.error, noKey.argumentName], [100, 'missing_argument', 'key']);
    assert.deepEqual(emulator.client(c.clientId)!.settings, {}, 'nothing was stored');
  });

  it('a fault on set_multi leaves the client as it was, and the next call succeeds', async () => {
    const c = emulator.addClient({ features: ['login_client'] });
    emulator.injectFault({ op: 'settings/set_multi', kind: 'error', code: 500, error: 'unexpected_error' });
    await assert.rejects(owner.setMulti(c.clientId, { a: 'b' }), CaptureApiError);
    assert.deepEqual(emulator.client(c.clientId)!.settings, {});
    await owner.setMulti(c.clientId, { a: 'b' });
    assert.deepEqual(emulator.client(c.clientId)!.settings, { a: 'b' });
  });
});

describe('settings answers, parsed', () => {
  const parse = <S extends Parameters<typeof parseCaptureResponse>[3]>(
    op: Parameters<typeof parseCaptureResponse>[0],
    body: unknown,
    schema: S,
  ) => parseCaptureResponse(op, 200, JSON.stringify(body), schema);

  it('reads each op’s result and rejects a wrong shape as malformed', () => {
    assert.deepEqual(
      parse('settings/items', { stat: 'ok', result: { a: 'b', n: 3 } }, settingsItemsResponseSchema),
      {
        result: { a: 'b', n: 3 },
      },
    );
    assert.deepEqual(
      parse('settings/keys', { stat: 'ok', result: ['a'] }, settingsKeysResponseSchema).result,
      ['a'],
    );
    assert.equal(
      parse('settings/get', { stat: 'ok', result: null }, settingValueResponseSchema).result,
      null,
    );
    assert.equal(parse('settings/get_default', { stat: 'ok' }, settingValueResponseSchema).result, undefined);
    assert.equal(parse('settings/set', { stat: 'ok', result: true }, settingFlagResponseSchema).result, true);
    assert.deepEqual(
      parse('settings/set_multi', { stat: 'ok', result: { a: false } }, settingFlagsResponseSchema).result,
      { a: false },
    );
    for (const [op, schema, body] of [
      ['settings/items', settingsItemsResponseSchema, { stat: 'ok', result: ['a'] }],
      ['settings/set', settingFlagResponseSchema, { stat: 'ok', result: 'yes' }],
      ['settings/set_multi', settingFlagsResponseSchema, { stat: 'ok' }],
    ] as const) {
      assert.throws(
        () => parse(op, body, schema),
        (e: unknown) =>
          e instanceof TransportError && e.failure === 'malformed' && e.message.startsWith(`/${op} `),
      );
    }
  });

  it('maps a Capture error from a settings call to words with the request id', () => {
    const body = {
      stat: 'error',
      code: 200,
      error: 'invalid_argument',
      error_description: 'items was not valid for the following reason: it is not valid JSON',
      argument_name: 'items',
      request_id: '0123456789abcdef',
    };
    let caught: unknown;
    try {
      parse('settings/set_multi', body, settingFlagsResponseSchema);
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof CaptureApiError);
    assert.equal(
      describeFailure(caught, 'Setting the flow', t).message,
      'Setting the flow failed: Capture rejected "items". items was not valid for the following reason: it is not valid JSON (request id: 0123456789abcdef)',
    );
  });
});

describe('settings rules', () => {
  it('checks keys and the settings argument', () => {
    assert.equal(checkSettingKey('default_flow_name', t), undefined);
    assert.match(checkSettingKey('', t) ?? '', /^Enter a key/);
    assert.match(checkSettingKey(' x', t) ?? '', /spaces/);
    assert.match(checkSettingKey('a\nb', t) ?? '', /single line/);
    assert.deepEqual(checkSettingsArgument({ a: '', b: 'x\ny' }, t), { settings: { a: '', b: 'x\ny' } });
    assert.deepEqual(checkSettingsArgument({ n: 1 }, t), {
      problem: 'The value of setting "n" must be text (a string).',
    });
    assert.match(
      (checkSettingsArgument(['a'], t) as { problem: string }).problem,
      /^"settings" must be an object/,
    );
  });

  it('shortens long and multi-line values for a label', () => {
    assert.equal(shortValue('short'), 'short');
    assert.equal(shortValue('a\nb'), 'a⏎b');
    const long = shortValue('x'.repeat(500));
    assert.equal(long.length, 60);
    assert.ok(long.endsWith('…'));
  });

  it('tells each outcome of the credentials probe in plain words', () => {
    const client = { features: ['login_client'], whitelist: ['203.0.113.0/24'] };
    const api = (code: number) => ({ error: new CaptureApiError(code, 'x', undefined, 'abc', undefined) });
    const words = (r: Parameters<typeof classifyProbe>[0], c = client) =>
      describeCheck(classifyProbe(r, c), 'Shop login', t);
    assert.deepEqual(words({ items: { secret_looking: 'value' } }), {
      message: 'The credentials of Shop login work: Capture accepted them and answered with its settings.',
      ok: true,
    });
    assert.match(words(api(402)).message, /^The secret of Shop login is wrong.*\(402\)/);
    const refused = words(api(403)).message;
    assert.match(refused, /allow list \(203\.0\.113\.0\/24\)/);
    assert.match(refused, /lacks a feature/);
    assert.match(
      words(api(403), { features: [], whitelist: [] }).message,
      /has no features, so Capture refuses .* by design/,
    );
    assert.match(
      words(api(480)).message,
      /^Checking the credentials failed: .*temporarily disabled.*\(request id: abc\)$/,
    );
    assert.ok(
      !words({ items: { secret_looking: 'value' } }).message.includes('value'),
      'the answer is not quoted',
    );
  });
});
