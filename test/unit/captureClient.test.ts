import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CaptureClient, type CaptureClientOptions } from '../../src/api/captureClient';
import { CaptureApiError, RequestCancelledError, TransportError } from '../../src/api/errors';
import { startEmulator, type Emulator, type EmulatorOptions, type Fault } from '../emulator/emulator';
import { UNRESOLVABLE_DOMAIN } from '../unresolvableDomain';

// The real CaptureClient, over real HTTP (global fetch), against the local emulator.

const START = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;

describe('CaptureClient against the emulator', () => {
  let emulator: Emulator;
  let api: CaptureClient;
  let clock: number;

  async function start(options: EmulatorOptions = {}): Promise<void> {
    await emulator?.close();
    clock = START;
    emulator = await startEmulator({ now: () => clock, ...options });
    api = clientFor(emulator.owner);
  }

  function clientFor(creds: { clientId: string; clientSecret: string }, options: CaptureClientOptions = {}) {
    return new CaptureClient({ domain: emulator.domain, ...creds }, options);
  }

  /** Every secret the emulator knows, current and retired. */
  function allSecrets(): string[] {
    return emulator.clients().flatMap((c) => [c.clientSecret, ...c.retiredSecrets.map((r) => r.secret)]);
  }

  /** Awaits a rejection of the given type and checks that it quotes no secret. */
  async function failure<T extends Error>(
    promise: Promise<unknown>,
    type: abstract new (...args: never[]) => T,
    extraSecrets: string[] = [],
  ): Promise<T> {
    let caught: unknown;
    try {
      await promise;
    } catch (error) {
      caught = error;
    }
    if (!(caught instanceof type))
      assert.fail(`expected ${type.name}, got ${caught === undefined ? 'success' : String(caught)}`);
    const text = `${caught.message}\n${caught.stack ?? ''}\n${JSON.stringify(caught)}`;
    for (const secret of [...allSecrets(), ...extraSecrets]) {
      assert.ok(!text.includes(secret), `${type.name} quotes a secret: ${caught.message}`);
    }
    return caught;
  }

  function recorded(op: string) {
    return emulator.requests.filter((r) => r.op === op);
  }

  beforeEach(() => start());
  afterEach(() => emulator.close());

  describe('happy paths change the emulated application', () => {
    it('add creates a client and returns its id, secret, features and allow list', async () => {
      const created = await api.add('Nightly export', ['direct_read_access']);
      assert.match(created.clientId, /^[a-z0-9]{32}$/);
      assert.match(created.clientSecret, /^[a-z0-9]{32}$/);
      assert.equal(created.description, 'Nightly export');
      assert.deepEqual(created.features, ['direct_read_access']);
      assert.deepEqual(created.whitelist, ['0.0.0.0/0']);
      const stored = emulator.client(created.clientId);
      assert.equal(stored?.clientSecret, created.clientSecret);
      assert.deepEqual(stored?.features, ['direct_read_access']);
      const [request] = recorded('add');
      assert.equal(
        request?.params.features,
        '["direct_read_access"]',
        'features is a JSON string in a form field',
      );
    });

    it('add with no features creates a client without permissions', async () => {
      const created = await api.add('Placeholder', []);
      assert.deepEqual(emulator.client(created.clientId)?.features, []);
    });

    it('list returns every client with its secret, and has_features filters', async () => {
      const a = emulator.addClient({ description: 'A', features: ['login_client'] });
      const b = emulator.addClient({
        description: 'B',
        features: ['direct_access', 'access_issuer'],
        whitelist: ['203.0.113.0/24'],
      });
      const all = await api.list();
      assert.deepEqual(
        all.map((c) => c.clientId),
        [emulator.owner.clientId, a.clientId, b.clientId],
      );
      const listedB = all.find((c) => c.clientId === b.clientId);
      assert.deepEqual(listedB, {
        clientId: b.clientId,
        clientSecret: b.clientSecret,
        description: 'B',
        features: ['direct_access', 'access_issuer'],
        whitelist: ['203.0.113.0/24'],
      });
      const issuers = await api.list(['access_issuer', 'login_client']);
      assert.deepEqual(issuers.map((c) => c.clientId).sort(), [a.clientId, b.clientId].sort());
      assert.equal(recorded('list')[1]?.params.has_features, '["access_issuer","login_client"]');
    });

    it('delete removes the client', async () => {
      const victim = emulator.addClient({ description: 'Old' });
      await api.delete(victim.clientId);
      assert.equal(emulator.client(victim.clientId), undefined);
      assert.equal(recorded('delete')[0]?.params.client_id_for_deletion, victim.clientId);
    });

    it('setDescription changes the named client, not the owner', async () => {
      const target = emulator.addClient({ description: 'Before' });
      const ownerBefore = emulator.client(emulator.owner.clientId);
      await api.setDescription(target.clientId, 'After');
      assert.equal(emulator.client(target.clientId)?.description, 'After');
      assert.deepEqual(emulator.client(emulator.owner.clientId), ownerBefore);
    });

    it('setFeatures replaces the named client’s features, not the owner’s', async () => {
      const target = emulator.addClient({ features: ['direct_read_access'] });
      await api.setFeatures(target.clientId, ['direct_access', 'access_issuer']);
      assert.deepEqual(emulator.client(target.clientId)?.features, ['direct_access', 'access_issuer']);
      assert.deepEqual(emulator.client(emulator.owner.clientId)?.features, ['owner']);
    });

    it('setFeatures may keep an Akamai-only feature the client already has', async () => {
      const target = emulator.addClient({ features: ['metadata', 'direct_read_access'] });
      await api.setFeatures(target.clientId, ['metadata']);
      assert.deepEqual(emulator.client(target.clientId)?.features, ['metadata']);
    });

    it('setWhitelist replaces the named client’s allow list, not the owner’s', async () => {
      const target = emulator.addClient({});
      await api.setWhitelist(target.clientId, ['203.0.113.0/24', '198.51.100.7/32']);
      assert.deepEqual(emulator.client(target.clientId)?.whitelist, ['203.0.113.0/24', '198.51.100.7/32']);
      assert.deepEqual(emulator.client(emulator.owner.clientId)?.whitelist, ['0.0.0.0/0']);
    });

    it('clearWhitelist opens the named client’s allow list to everyone', async () => {
      const target = emulator.addClient({ whitelist: ['203.0.113.0/24'] });
      await api.clearWhitelist(target.clientId);
      assert.deepEqual(emulator.client(target.clientId)?.whitelist, ['0.0.0.0/0']);
    });

    it('resetSecret returns the new secret; the old one works only for hours_to_live hours', async () => {
      const other = emulator.addClient({ description: 'Second owner', features: ['owner'] });
      const newSecret = await api.resetSecret(other.clientId, 2);
      assert.match(newSecret, /^[a-z0-9]{32}$/);
      assert.notEqual(newSecret, other.clientSecret);
      assert.equal(emulator.client(other.clientId)?.clientSecret, newSecret);
      assert.equal(recorded('reset_secret')[0]?.params.hours_to_live, '2');

      const withOld = clientFor(other);
      const withNew = clientFor({ clientId: other.clientId, clientSecret: newSecret });
      await withNew.list();
      clock += 2 * HOUR - 1;
      await withOld.list();
      clock += 1;
      const e = await failure(withOld.list(), CaptureApiError, [other.clientSecret]);
      assert.equal(e.code, 402);
      await withNew.list();
    });

    it('resetSecret with 0 hours retires the old secret at once', async () => {
      const other = emulator.addClient({ features: ['owner'] });
      await api.resetSecret(other.clientId, 0);
      const e = await failure(clientFor(other).list(), CaptureApiError, [other.clientSecret]);
      assert.equal(e.code, 402);
    });

    it('resetSecret refuses a grace period outside 0–168 whole hours without calling Capture', async () => {
      for (const hours of [-1, 169, 1.5, Number.NaN]) {
        await assert.rejects(api.resetSecret(emulator.owner.clientId, hours), RangeError);
      }
      assert.equal(emulator.requests.length, 0);
    });
  });

  describe('what goes on the wire', () => {
    it('always sends for_client_id where Capture would otherwise act on the owner client', async () => {
      const target = emulator.addClient({ features: ['owner'] });
      await api.setDescription(target.clientId, 'x');
      await api.setFeatures(target.clientId, ['owner', 'access_issuer']);
      await api.setWhitelist(target.clientId, ['127.0.0.1/32']);
      await api.clearWhitelist(target.clientId);
      await api.resetSecret(target.clientId, 1);
      const ops = ['set_description', 'set_features', 'set_whitelist', 'clear_whitelist', 'reset_secret'];
      for (const op of ops) {
        const requests = recorded(op);
        assert.equal(requests.length, 1, op);
        assert.equal(requests[0]!.params.for_client_id, target.clientId, `${op} sends for_client_id`);
      }
    });

    it('authenticates with HTTP Basic and sends a form-urlencoded POST', async () => {
      await api.list();
      await api.add('x', []);
      for (const r of emulator.requests) {
        assert.equal(r.method, 'POST');
        assert.equal(r.authScheme, 'Basic');
        assert.equal(r.authClientId, emulator.owner.clientId);
        assert.match(r.contentType ?? '', /^application\/x-www-form-urlencoded/);
      }
    });

    it('traces one line per request with no credentials in it', async () => {
      const lines: string[] = [];
      const traced = clientFor(emulator.owner, { trace: (line) => lines.push(line) });
      await traced.list();
      await failure(traced.add('', []), CaptureApiError);
      assert.equal(lines.length, 2);
      for (const line of lines) {
        assert.ok(!line.includes(emulator.owner.clientSecret));
        assert.ok(
          !line.includes(
            Buffer.from(`${emulator.owner.clientId}:${emulator.owner.clientSecret}`).toString('base64'),
          ),
        );
      }
    });
  });

  describe('Capture errors arrive as CaptureApiError', () => {
    function assertCaptureError(
      e: CaptureApiError,
      code: number,
      error: string,
      argumentName?: string,
    ): void {
      assert.equal(e.code, code);
      assert.equal(e.error, error);
      assert.ok(e.description && e.description.length > 0, 'has a description');
      assert.match(e.requestId ?? '', /^[0-9a-f]{16}$/);
      assert.equal(e.argumentName, argumentName);
    }

    it('100 missing_argument names the argument', async () => {
      const e = await failure(api.add('', []), CaptureApiError);
      assertCaptureError(e, 100, 'missing_argument', 'description');
    });

    it('200 invalid_argument for an unknown feature quotes Capture’s reason', async () => {
      const e = await failure(api.add('x', ['superuser_owner']), CaptureApiError);
      assertCaptureError(e, 200, 'invalid_argument', 'features');
      assert.equal(
        e.description,
        'features was not valid for the following reason: superuser_owner is not a valid feature name',
      );
      assert.equal(emulator.clients().length, 1, 'nothing was created');
    });

    it('200 invalid_argument when login_client is combined with another feature', async () => {
      const e = await failure(api.add('x', ['login_client', 'access_issuer']), CaptureApiError);
      assertCaptureError(e, 200, 'invalid_argument', 'features');
    });

    it('200 invalid_argument when assigning metadata', async () => {
      const e = await failure(api.add('x', ['metadata']), CaptureApiError);
      assertCaptureError(e, 200, 'invalid_argument', 'features');
    });

    it('200 invalid_argument when the owner would drop owner from itself or lock itself out', async () => {
      const id = emulator.owner.clientId;
      const features = await failure(api.setFeatures(id, ['direct_access']), CaptureApiError);
      assertCaptureError(features, 200, 'invalid_argument', 'features');
      const whitelist = await failure(api.setWhitelist(id, ['203.0.113.0/24']), CaptureApiError);
      assertCaptureError(whitelist, 200, 'invalid_argument', 'whitelist');
      assert.deepEqual(emulator.client(id)?.features, ['owner']);
      assert.deepEqual(emulator.client(id)?.whitelist, ['0.0.0.0/0']);
      await api.setWhitelist(id, ['127.0.0.0/8']);
      assert.deepEqual(emulator.client(id)?.whitelist, ['127.0.0.0/8']);
    });

    it('200 invalid_argument for a bad CIDR or an unknown client id', async () => {
      const target = emulator.addClient({});
      assertCaptureError(
        await failure(api.setWhitelist(target.clientId, ['10.0.0.0/33']), CaptureApiError),
        200,
        'invalid_argument',
        'whitelist',
      );
      assertCaptureError(
        await failure(api.delete('nosuchclient'), CaptureApiError),
        200,
        'invalid_argument',
        'client_id_for_deletion',
      );
      assertCaptureError(
        await failure(api.setDescription('nosuchclient', 'x'), CaptureApiError),
        200,
        'invalid_argument',
        'for_client_id',
      );
    });

    it('205 invalid_auth_method when the Authorization scheme is not Basic', async () => {
      const bearer = clientFor(emulator.owner, {
        fetch: (url, init) =>
          fetch(url, {
            ...init,
            headers: { ...(init.headers as Record<string, string>), Authorization: 'Bearer abc' },
          }),
      });
      assertCaptureError(await failure(bearer.list(), CaptureApiError), 205, 'invalid_auth_method');
    });

    it('402 invalid_client_credentials for a wrong secret or an unknown id', async () => {
      const wrongSecret = clientFor({ clientId: emulator.owner.clientId, clientSecret: 'x'.repeat(32) });
      assertCaptureError(
        await failure(wrongSecret.list(), CaptureApiError),
        402,
        'invalid_client_credentials',
      );
      const unknownId = clientFor({ clientId: 'y'.repeat(32), clientSecret: emulator.owner.clientSecret });
      assertCaptureError(await failure(unknownId.list(), CaptureApiError), 402, 'invalid_client_credentials');
    });

    it('403 client_permission_error for a client without owner', async () => {
      const plain = emulator.addClient({ features: ['direct_access'] });
      assertCaptureError(
        await failure(clientFor(plain).list(), CaptureApiError),
        403,
        'client_permission_error',
      );
    });

    it('403 client_permission_error when this machine is outside the owner’s allow list', async () => {
      const fenced = emulator.addClient({ features: ['owner'], whitelist: ['203.0.113.0/24'] });
      const e = await failure(clientFor(fenced).list(), CaptureApiError);
      assertCaptureError(e, 403, 'client_permission_error');
      assert.equal(emulator.requests.at(-1)?.remoteAddress, '127.0.0.1');
    });

    const injected: Array<[number, string]> = [
      [221, 'unknown_application'],
      [224, 'application_not_found'],
      [480, 'api_feature_disabled'],
      [500, 'unexpected_error'],
      [510, 'api_limit_error'],
      [999, 'brand_new_error'],
    ];
    for (const [code, error] of injected) {
      it(`${code} ${error} keeps code, error, description and request id`, async () => {
        emulator.injectFault({ kind: 'error', code, error, description: `${error} happened` });
        const e = await failure(api.list(), CaptureApiError);
        assertCaptureError(e, code, error);
        assert.equal(e.description, `${error} happened`);
        assert.match(e.message, new RegExp(`${code} ${error}`));
      });
    }

    it('accepts request_token as the request id', async () => {
      await start({ requestIdStyle: 'request_token' });
      const e = await failure(api.add('', []), CaptureApiError);
      assert.match(e.requestId ?? '', /^[0-9a-f]{16}$/);
    });
  });

  describe('answers Capture does not document', () => {
    it('accepts unknown extra fields in add and list answers', async () => {
      emulator.injectFault({ kind: 'extraFields', op: 'add' });
      const created = await api.add('Extra', ['access_issuer']);
      assert.deepEqual(created.features, ['access_issuer']);
      emulator.injectFault({ kind: 'extraFields' });
      const listed = await api.list();
      assert.equal(listed.length, 2);
      emulator.injectFault({ kind: 'extraFields' });
      await api.delete(created.clientId);
    });

    it('an HTML 502 page is a transport failure "http"', async () => {
      emulator.injectFault({ kind: 'html', status: 502 });
      const e = await failure(api.list(), TransportError);
      assert.equal(e.failure, 'http');
      assert.equal(e.detail.status, 502);
      assert.equal(e.mayHaveReachedServer, true);
      assert.match(e.message, /HTML/);
    });

    it('truncated JSON is a transport failure "incomplete"', async () => {
      emulator.injectFault({ kind: 'truncate', op: 'list' });
      const e = await failure(api.list(), TransportError);
      assert.equal(e.failure, 'incomplete');
      assert.equal(e.mayHaveReachedServer, true);
    });

    it('"ok" without client_secret after add: the secret is read back with one /clients/list', async () => {
      const warnings: string[] = [];
      api = clientFor(emulator.owner, { warn: (line) => warnings.push(line) });
      emulator.injectFault({ kind: 'okWithoutSecret', op: 'add' });
      const created = await api.add('Half answered', []);
      const stored = emulator.client(created.clientId);
      assert.equal(created.clientSecret, stored?.clientSecret, 'the real secret was delivered');
      assert.equal(recorded('add').length, 1, 'never created twice');
      assert.equal(recorded('list').length, 1, 'one read-back');
      assert.match(
        warnings.join('\n'),
        /without the client's secret \(fields: stat, client_id, description, features\[\], whitelist\[\]\)/,
      );
      for (const secret of allSecrets())
        assert.ok(!warnings.join('\n').includes(secret), 'the log holds no secret');
    });

    it('"ok" without client_secret, and the list lacks it too: "malformed", answeredOk, naming the client', async () => {
      emulator.injectFault({ kind: 'okWithoutSecret', op: 'add' });
      emulator.injectFault({ kind: 'okWithoutSecret', op: 'list' });
      const e = await failure(api.add('Half answered', []), TransportError);
      assert.equal(e.failure, 'malformed');
      assert.equal(e.mayHaveReachedServer, true);
      assert.equal(e.detail.answeredOk, true);
      const made = emulator.clients().filter((c) => c.description === 'Half answered');
      assert.equal(made.length, 1, 'the client was created once');
      assert.equal(e.detail.clientId, made[0]!.clientId);
    });

    it('add answering the secret as a dictionary: found without another request', async () => {
      emulator.injectFault({ kind: 'secretAsObject', op: 'add' });
      const created = await api.add('Dictionary', ['direct_read_access']);
      assert.equal(created.clientSecret, emulator.client(created.clientId)?.clientSecret);
      assert.deepEqual(created.features, ['direct_read_access']);
      assert.equal(recorded('list').length, 0);
    });

    it('reset_secret answering new_secret as a dictionary: the new secret, no read-back', async () => {
      const target = emulator.addClient({ description: 'rotate me' });
      const warnings: string[] = [];
      api = clientFor(emulator.owner, { warn: (line) => warnings.push(line) });
      emulator.injectFault({ kind: 'secretAsObject', op: 'reset_secret' });
      const secret = await api.resetSecret(target.clientId, 0);
      assert.equal(secret, emulator.client(target.clientId)?.clientSecret);
      assert.notEqual(secret, target.clientSecret);
      assert.equal(recorded('list').length, 0);
      assert.match(warnings.join('\n'), /undocumented shape \(stat, new_secret\{secret\}\)/);
    });

    it('reset_secret answering "ok" without new_secret: read back with one /clients/list', async () => {
      const target = emulator.addClient({ description: 'rotate me' });
      emulator.injectFault({ kind: 'okWithoutSecret', op: 'reset_secret' });
      const secret = await api.resetSecret(target.clientId, 24);
      assert.equal(secret, emulator.client(target.clientId)?.clientSecret);
      assert.notEqual(secret, target.clientSecret);
      assert.equal(recorded('reset_secret').length, 1, 'never reset twice');
      assert.equal(recorded('list').length, 1);
    });

    it('reset_secret without new_secret when the list fails too: "malformed", answeredOk, the client named', async () => {
      const target = emulator.addClient({ description: 'rotate me' });
      emulator.injectFault({ kind: 'okWithoutSecret', op: 'reset_secret' });
      emulator.injectFault({ kind: 'html', op: 'list' });
      const e = await failure(api.resetSecret(target.clientId, 24), TransportError);
      assert.equal(e.detail.answeredOk, true);
      assert.equal(e.detail.clientId, target.clientId);
      assert.equal(recorded('reset_secret').length, 1);
    });

    it('an unknown stat is "malformed"', async () => {
      emulator.injectFault({ kind: 'nonOk', stat: 'weird' });
      const e = await failure(api.list(), TransportError);
      assert.equal(e.failure, 'malformed');
    });
  });

  describe('network failures', () => {
    const faultsForAdd: Array<[Fault['kind'], boolean]> = [
      ['resetBeforeProcessing', false],
      ['resetAfterProcessing', true],
    ];
    for (const [kind, created] of faultsForAdd) {
      it(`${kind} on add is "reset", may have reached the server, and is not retried`, async () => {
        emulator.injectFault({ kind, op: 'add' } as Fault);
        const e = await failure(api.add('Dropped', ['direct_read_access']), TransportError);
        assert.equal(e.failure, 'reset');
        assert.equal(e.mayHaveReachedServer, true);
        assert.equal(recorded('add').length, 1, 'exactly one add request reached the emulator');
        assert.equal(
          emulator.clients().some((c) => c.description === 'Dropped'),
          created,
        );
      });
    }

    it('a server that never answers is "timeout" after timeoutMs', async () => {
      emulator.injectFault({ kind: 'stall' });
      const e = await failure(clientFor(emulator.owner, { timeoutMs: 200 }).add('Slow', []), TransportError);
      assert.equal(e.failure, 'timeout');
      assert.equal(e.mayHaveReachedServer, true);
      assert.equal(recorded('add').length, 1);
    });

    it('a closed port is "refused" and cannot have reached the server', async () => {
      const closed = await startEmulator();
      await closed.close();
      const e = await failure(
        new CaptureClient({ domain: closed.domain, ...closed.owner }).list(),
        TransportError,
      );
      assert.equal(e.failure, 'refused');
      assert.equal(e.mayHaveReachedServer, false);
    });

    it('a domain that redirects (the Console URL, say) is "redirect", and nothing was created there', async () => {
      const server = createServer((_req, res) =>
        res.writeHead(302, { Location: 'https://console.example/' }).end(),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const e = await failure(
          new CaptureClient({ domain: `http://127.0.0.1:${port}`, clientId: 'a', clientSecret: 'b' }).add(
            'x',
            [],
          ),
          TransportError,
        );
        assert.equal(e.failure, 'redirect');
        assert.equal(e.mayHaveReachedServer, false);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('never sends owner credentials over plain http to another machine, whatever the settings say', async () => {
      let sent = 0;
      const client = new CaptureClient(
        { domain: 'http://myapp.janraincapture.com', clientId: 'a', clientSecret: 'b' },
        { fetch: async () => (sent++, new Response('{}')) },
      );
      const e = await failure(client.list(), TransportError);
      assert.equal(e.mayHaveReachedServer, false);
      assert.match(e.message, /Not sending owner credentials: Use https:\/\//);
      assert.equal(sent, 0);
    });

    it('a host that does not resolve is "dns"', async () => {
      const e = await failure(
        new CaptureClient({ domain: UNRESOLVABLE_DOMAIN, clientId: 'a', clientSecret: 'b' }).list(),
        TransportError,
      );
      assert.equal(e.failure, 'dns');
      assert.equal(e.mayHaveReachedServer, false);
    });

    it('an already aborted signal cancels without a request', async () => {
      const controller = new AbortController();
      controller.abort();
      await failure(api.add('Never', [], { signal: controller.signal }), RequestCancelledError);
      assert.equal(emulator.requests.length, 0);
    });

    it('aborting while waiting for the answer is RequestCancelledError', async () => {
      emulator.injectFault({ kind: 'stall' });
      const controller = new AbortController();
      const arrived = emulator.nextRequest('list');
      const pending = api.list(undefined, { signal: controller.signal });
      await arrived;
      controller.abort();
      await failure(pending, RequestCancelledError);
    });
  });
});
