import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/emulator';

// The emulator itself, over raw HTTP: what the CaptureClient tests cannot reach because the client
// never sends it (no for_client_id, bad JSON, other auth schemes), plus faults, persistence and close().

const START = Date.UTC(2025, 0, 1);

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  json: Record<string, unknown>;
}

describe('Identity Cloud emulator', () => {
  let emulator: Emulator;
  let clock: number;

  async function start(options: EmulatorOptions = {}): Promise<void> {
    await emulator?.close();
    clock = START;
    emulator = await startEmulator({ now: () => clock, ...options });
  }

  function basic(clientId: string, secret: string): string {
    return `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
  }

  async function call(
    path: string,
    params: Record<string, string> = {},
    init: { authorization?: string | null; contentType?: string; method?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {
      'Content-Type': init.contentType ?? 'application/x-www-form-urlencoded',
    };
    const authorization =
      init.authorization === undefined
        ? basic(emulator.owner.clientId, emulator.owner.clientSecret)
        : init.authorization;
    if (authorization !== null) headers.Authorization = authorization;
    const method = init.method ?? 'POST';
    const response = await fetch(`${emulator.domain}${path.startsWith('/') ? path : `/clients/${path}`}`, {
      method,
      headers,
      body: method === 'GET' ? undefined : new URLSearchParams(params).toString(),
    });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON: the test looks at text
    }
    return { status: response.status, contentType: response.headers.get('content-type'), text, json };
  }

  function assertError(answer: Answer, code: number, error: string, argumentName?: string): void {
    assert.equal(answer.status, 200, 'Capture errors come with HTTP 200');
    assert.equal(answer.json.stat, 'error');
    assert.equal(answer.json.code, code);
    assert.equal(answer.json.error, error);
    assert.equal(typeof answer.json.error_description, 'string');
    assert.match(String(answer.json.request_id), /^[0-9a-f]{16}$/);
    assert.equal(answer.json.argument_name, argumentName);
  }

  beforeEach(() => start());
  afterEach(() => emulator.close());

  describe('server', () => {
    it('listens on 127.0.0.1 and names itself by that origin', () => {
      assert.equal(emulator.domain, `http://127.0.0.1:${emulator.port}`);
      assert.ok(emulator.port > 0);
    });

    it('starts with one owner client with random 32-character id and secret', () => {
      const [owner, ...rest] = emulator.clients();
      assert.equal(rest.length, 0);
      assert.match(owner!.clientId, /^[a-z0-9]{32}$/);
      assert.match(owner!.clientSecret, /^[a-z0-9]{32}$/);
      assert.deepEqual(owner!.features, ['owner']);
      assert.deepEqual(owner!.whitelist, ['0.0.0.0/0']);
      assert.equal(emulator.owner.clientId, owner!.clientId);
    });

    it('uses the seeded owner credentials', async () => {
      await start({
        seedOwner: { clientId: 'seededowner', clientSecret: 'seededsecret', description: 'Mine' },
      });
      assert.deepEqual(emulator.owner, { clientId: 'seededowner', clientSecret: 'seededsecret' });
      assert.equal((await call('list')).json.stat, 'ok');
    });

    it('hands out deep copies', () => {
      const [owner] = emulator.clients();
      owner!.features.push('direct_access');
      owner!.description = 'changed';
      assert.deepEqual(emulator.clients()[0]!.features, ['owner']);
      assert.notEqual(emulator.clients()[0]!.description, 'changed');
    });

    it('generates distinct ids and secrets', () => {
      const made = Array.from({ length: 50 }, () => emulator.addClient());
      const tokens = new Set(made.flatMap((c) => [c.clientId, c.clientSecret]));
      assert.equal(tokens.size, 100);
      for (const t of tokens) assert.match(t, /^[a-z0-9]{32}$/);
    });

    it('answers 405 to anything but POST and 404 outside /clients/<op>', async () => {
      const get = await call('list', {}, { method: 'GET' });
      assert.equal(get.status, 405);
      assert.match(get.contentType ?? '', /text\/html/);
      assert.equal((await call('/clients/frobnicate')).status, 404);
      assert.equal((await call('/')).status, 404);
    });

    it('ignores a body that is not form-urlencoded', async () => {
      assertError(
        await call('add', { description: 'x' }, { contentType: 'text/plain' }),
        100,
        'missing_argument',
        'description',
      );
    });

    it('answers 413 to an oversized body', async () => {
      assert.equal((await call('add', { description: 'x'.repeat(100_000) })).status, 413);
    });

    it('close() ends stalled requests and can be called twice', async () => {
      emulator.injectFault({ kind: 'stall' });
      const arrived = emulator.nextRequest();
      const pending = call('list');
      await arrived;
      await emulator.close();
      await assert.rejects(pending);
      await emulator.close();
      await assert.rejects(emulator.nextRequest(), /closed/);
    });

    it('close() rejects requests still awaited with nextRequest', async () => {
      const waiting = emulator.nextRequest('add');
      await emulator.close();
      await assert.rejects(waiting, /closed/);
    });

    it('delays every answer by latencyMs without counting it as handling time', async () => {
      await start({ latencyMs: 150 });
      const started = performance.now();
      await call('list');
      assert.ok(performance.now() - started >= 140, 'the answer waited');
      assert.ok(emulator.handlingTimeMs() > 0);
      assert.ok(emulator.handlingTimeMs() < 140);
    });
  });

  describe('authentication and authorisation', () => {
    it('without an Authorization header: 100 missing_argument client_id', async () => {
      assertError(await call('list', {}, { authorization: null }), 100, 'missing_argument', 'client_id');
    });

    it('client_id/client_secret as form fields: 205 invalid_auth_method that asks for Basic auth', async () => {
      const answer = await call(
        'list',
        { client_id: emulator.owner.clientId, client_secret: emulator.owner.clientSecret },
        { authorization: null },
      );
      assertError(answer, 205, 'invalid_auth_method');
      assert.match(String(answer.json.error_description), /HTTP Basic authentication.*curl -u/);
      assert.ok(!answer.text.includes(emulator.owner.clientSecret), 'the answer does not echo the secret');
    });

    it('another scheme or garbled Basic credentials: 205 invalid_auth_method', async () => {
      assertError(await call('list', {}, { authorization: 'Bearer abc' }), 205, 'invalid_auth_method');
      assertError(await call('list', {}, { authorization: 'Basic !!!' }), 205, 'invalid_auth_method');
      const noColon = `Basic ${Buffer.from('justanid').toString('base64')}`;
      assertError(await call('list', {}, { authorization: noColon }), 205, 'invalid_auth_method');
    });

    it('accepts the Basic scheme name in any case', async () => {
      const lower = basic(emulator.owner.clientId, emulator.owner.clientSecret).replace('Basic', 'basic');
      assert.equal((await call('list', {}, { authorization: lower })).json.stat, 'ok');
    });

    it('wrong credentials: 402 invalid_client_credentials', async () => {
      assertError(
        await call('list', {}, { authorization: basic(emulator.owner.clientId, 'nope') }),
        402,
        'invalid_client_credentials',
      );
    });

    it('a client without owner, or outside its allow list: the same 403', async () => {
      const plain = emulator.addClient({ features: ['direct_access'] });
      const fenced = emulator.addClient({ features: ['owner'], whitelist: ['10.0.0.0/8'] });
      const a = await call('list', {}, { authorization: basic(plain.clientId, plain.clientSecret) });
      const b = await call('list', {}, { authorization: basic(fenced.clientId, fenced.clientSecret) });
      assertError(a, 403, 'client_permission_error');
      assertError(b, 403, 'client_permission_error');
      assert.equal(a.json.error_description, b.json.error_description, 'the API cannot tell which');
    });

    it('records requests without credentials', async () => {
      clock = START + 42;
      await call('add', { description: 'Recorded', features: '[]', client_secret: 'leaked' });
      const [r] = emulator.requests;
      assert.equal(r!.op, 'add');
      assert.equal(r!.method, 'POST');
      assert.equal(r!.authScheme, 'Basic');
      assert.equal(r!.authClientId, emulator.owner.clientId);
      assert.equal(r!.remoteAddress, '127.0.0.1');
      assert.equal(r!.time, START + 42);
      assert.deepEqual(r!.params, { description: 'Recorded', features: '[]', client_secret: '<redacted>' });
      assert.ok(!JSON.stringify(emulator.requests).includes(emulator.owner.clientSecret));
    });

    it('logs one line per request without secrets', async () => {
      const lines: string[] = [];
      await start({ log: (line) => lines.push(line) });
      await call('add', { description: 'Logged' });
      await call('list', {}, { authorization: basic(emulator.owner.clientId, 'wrong-secret') });
      assert.equal(lines.length, 2);
      assert.match(lines[0]!, /\/clients\/add .*→ ok/);
      assert.match(lines[1]!, /→ error 402/);
      const secrets = emulator.clients().map((c) => c.clientSecret);
      for (const line of lines) for (const s of [...secrets, 'wrong-secret']) assert.ok(!line.includes(s));
    });
  });

  describe('documented behaviour the extension must never rely on', () => {
    it('set_description without for_client_id changes the calling owner client', async () => {
      await call('set_description', { description: 'Oops' });
      assert.equal(emulator.client(emulator.owner.clientId)?.description, 'Oops');
    });

    it('clear_whitelist and set_whitelist without for_client_id act on the caller', async () => {
      await call('set_whitelist', { whitelist: '["127.0.0.1/32"]' });
      assert.deepEqual(emulator.client(emulator.owner.clientId)?.whitelist, ['127.0.0.1/32']);
      await call('clear_whitelist');
      assert.deepEqual(emulator.client(emulator.owner.clientId)?.whitelist, ['0.0.0.0/0']);
    });

    it('set_features without for_client_id acts on the caller, but owner cannot be dropped', async () => {
      assertError(
        await call('set_features', { features: '["direct_access"]' }),
        200,
        'invalid_argument',
        'features',
      );
      assert.equal((await call('set_features', { features: '["owner","access_issuer"]' })).json.stat, 'ok');
      assert.deepEqual(emulator.client(emulator.owner.clientId)?.features, ['owner', 'access_issuer']);
    });

    it('an empty for_client_id counts as missing', async () => {
      await call('set_description', { for_client_id: '', description: 'Also oops' });
      assert.equal(emulator.client(emulator.owner.clientId)?.description, 'Also oops');
    });
  });

  describe('argument checks', () => {
    it('reset_secret requires for_client_id and hours_to_live', async () => {
      assertError(
        await call('reset_secret', { hours_to_live: '1' }),
        100,
        'missing_argument',
        'for_client_id',
      );
      const id = emulator.addClient().clientId;
      assertError(
        await call('reset_secret', { for_client_id: id }),
        100,
        'missing_argument',
        'hours_to_live',
      );
    });

    it('hours_to_live must be an integer from 0 to 168', async () => {
      const client = emulator.addClient();
      for (const hours of ['-1', '169', '1.5', 'two', '1e2', '0x10']) {
        assertError(
          await call('reset_secret', { for_client_id: client.clientId, hours_to_live: hours }),
          200,
          'invalid_argument',
          'hours_to_live',
        );
      }
      assert.equal(emulator.client(client.clientId)?.clientSecret, client.clientSecret);
      for (const hours of ['0', '168']) {
        const answer = await call('reset_secret', { for_client_id: client.clientId, hours_to_live: hours });
        assert.match(String(answer.json.new_secret), /^[a-z0-9]{32}$/);
      }
    });

    it('resetting the owner’s own secret updates emulator.owner; the old one keeps working for the grace period', async () => {
      const old = emulator.owner;
      const answer = await call('reset_secret', { for_client_id: old.clientId, hours_to_live: '1' });
      assert.equal(emulator.owner.clientSecret, answer.json.new_secret);
      assert.equal(
        (await call('list', {}, { authorization: basic(old.clientId, old.clientSecret) })).json.stat,
        'ok',
      );
      clock += 3_600_000;
      assertError(
        await call('list', {}, { authorization: basic(old.clientId, old.clientSecret) }),
        402,
        'invalid_client_credentials',
      );
      assert.equal((await call('list')).json.stat, 'ok');
    });

    it('malformed or non-array JSON parameters: 200 invalid_argument', async () => {
      assertError(
        await call('add', { description: 'x', features: '["owner"' }),
        200,
        'invalid_argument',
        'features',
      );
      assertError(
        await call('add', { description: 'x', features: '"owner"' }),
        200,
        'invalid_argument',
        'features',
      );
      assertError(
        await call('add', { description: 'x', features: '[1]' }),
        200,
        'invalid_argument',
        'features',
      );
      assertError(await call('list', { has_features: '{}' }), 200, 'invalid_argument', 'has_features');
      assertError(await call('list', { has_features: '["nope"]' }), 200, 'invalid_argument', 'has_features');
      const id = emulator.addClient().clientId;
      assertError(
        await call('set_whitelist', { for_client_id: id, whitelist: 'nope' }),
        200,
        'invalid_argument',
        'whitelist',
      );
    });

    it('unknown feature names are reported the way Capture words it', async () => {
      const answer = await call('add', { description: 'x', features: '["superuser_owner"]' });
      assert.equal(
        answer.json.error_description,
        'features was not valid for the following reason: superuser_owner is not a valid feature name',
      );
    });

    it('allow-list entries must be IPv4 addresses or CIDR ranges', async () => {
      const id = emulator.addClient().clientId;
      for (const bad of ['256.0.0.0/8', '10.0.0.0/33', '10.0.0/8', '::1/128', '10.0.0.0/8/8', '']) {
        assertError(
          await call('set_whitelist', { for_client_id: id, whitelist: JSON.stringify([bad]) }),
          200,
          'invalid_argument',
          'whitelist',
        );
      }
      const good = ['10.0.0.0/8', '203.0.113.7', '0.0.0.0/0'];
      assert.equal(
        (await call('set_whitelist', { for_client_id: id, whitelist: JSON.stringify(good) })).json.stat,
        'ok',
      );
      assert.deepEqual(emulator.client(id)?.whitelist, good);
    });

    it('has_features lists clients with at least one of the features; [] does not filter', async () => {
      emulator.addClient({ features: ['login_client'] });
      emulator.addClient({ features: [] });
      const some = await call('list', { has_features: '["login_client","owner"]' });
      assert.equal((some.json.results as unknown[]).length, 2);
      const all = await call('list', { has_features: '[]' });
      assert.equal((all.json.results as unknown[]).length, 3);
    });

    it('duplicate features are stored once', async () => {
      const answer = await call('add', { description: 'x', features: '["access_issuer","access_issuer"]' });
      assert.deepEqual(answer.json.features, ['access_issuer']);
    });
  });

  describe('faults', () => {
    it('are one-shot and wait for the operation they name', async () => {
      emulator.injectFault({ kind: 'html', op: 'add' });
      assert.equal((await call('list')).json.stat, 'ok');
      const faulted = await call('add', { description: 'x' });
      assert.equal(faulted.status, 502);
      assert.match(faulted.text, /^<!DOCTYPE html>/);
      assert.equal((await call('add', { description: 'x' })).json.stat, 'ok');
      assert.deepEqual(
        emulator.requests.map((r) => r.fault),
        [undefined, 'html', undefined],
      );
    });

    it('error faults answer before authentication, with HTTP 200', async () => {
      emulator.injectFault({ kind: 'error', code: 221, error: 'unknown_application' });
      assertError(await call('list', {}, { authorization: null }), 221, 'unknown_application');
    });

    it('truncate sends half of the JSON with a matching Content-Length', async () => {
      emulator.injectFault({ kind: 'truncate' });
      const answer = await call('list');
      assert.equal(answer.status, 200);
      assert.throws(() => JSON.parse(answer.text) as unknown);
      assert.ok(answer.text.startsWith('{"stat":"ok"'));
    });

    it('okWithoutSecret and extraFields reshape list results too', async () => {
      emulator.injectFault({ kind: 'okWithoutSecret' });
      const bare = (await call('list')).json.results as Array<Record<string, unknown>>;
      assert.equal(bare[0]!.client_secret, undefined);
      emulator.injectFault({ kind: 'extraFields' });
      const extra = await call('list');
      assert.ok('api_version' in extra.json);
      assert.ok('created' in (extra.json.results as Array<Record<string, unknown>>)[0]!);
    });

    it('nonOk answers the given stat without processing', async () => {
      emulator.injectFault({ kind: 'nonOk', stat: 'pending' });
      assert.deepEqual((await call('add', { description: 'x' })).json, { stat: 'pending' });
      assert.equal(emulator.clients().length, 1);
    });

    it('resetBeforeProcessing drops the connection and changes nothing; after processing it does', async () => {
      emulator.injectFault({ kind: 'resetBeforeProcessing' });
      await assert.rejects(call('add', { description: 'before' }));
      emulator.injectFault({ kind: 'resetAfterProcessing' });
      await assert.rejects(call('add', { description: 'after' }));
      assert.deepEqual(
        emulator
          .clients()
          .map((c) => c.description)
          .slice(1),
        ['after'],
      );
    });
  });

  describe('persistence', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'capture-emulator-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('writes every change atomically and loads it on the next start', async () => {
      const file = join(dir, 'state.json');
      await start({ persistFile: file });
      assert.equal(emulator.loadedFromFile, false);
      assert.ok(existsSync(file), 'the seeded owner is written at once');
      const created = await call('add', { description: 'Kept', features: '["access_issuer"]' });
      const owner = emulator.owner;
      await call('reset_secret', { for_client_id: String(created.json.client_id), hours_to_live: '5' });
      assert.deepEqual(readdirSync(dir), ['state.json'], 'no temporary file is left behind');
      const before = emulator.clients();
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).clients.length, 2);

      await start({ persistFile: file });
      assert.equal(emulator.loadedFromFile, true);
      assert.deepEqual(emulator.owner, owner);
      assert.deepEqual(emulator.clients(), before);
      assert.equal(emulator.clients()[1]!.retiredSecrets.length, 1);
    });

    it('refuses a file that is not emulator state', async () => {
      const file = join(dir, 'other.json');
      writeFileSync(file, '{"hello":1}');
      await assert.rejects(startEmulator({ persistFile: file }), /not an emulator state file/);
    });
  });
});
