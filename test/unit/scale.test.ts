import { strict as assert } from 'node:assert';
import { CaptureClient, type ApiClient } from '../../src/api/captureClient';
import { ClientLookup, RecordingLookup } from '../../src/clients/clientLookup';
import { concurrencyLimit, MAX_LISTS_IN_FLIGHT } from '../../src/clients/limiter';
import { formatMessage } from '../../src/common/translate';
import { analyzeEnv, FindingCodes } from '../../src/env/credentialFindings';
import { AnswerGate, startEmulators, type Emulator } from '../emulator/emulator';

// A platform team's scale (issue 16): fifty applications listed a few at a time, and one
// application's list arriving changes only what it answers.

describe('listing many applications', () => {
  let emulators: Emulator[] = [];

  afterEach(async () => {
    await Promise.all(emulators.map((e) => e.close()));
    emulators = [];
  });

  it(`lists 50 applications with at most ${MAX_LISTS_IN_FLIGHT} requests in flight, and every list arrives`, async function () {
    // Set-up, not the subject: fifty servers and fifty connections on a busy machine.
    this.timeout(60_000);
    // Every answer is held until the test sends it, so what is in flight depends on the limiter
    // alone, never on how fast the machine is: once the answers sent have reached their callers and
    // the limit is in flight, the test counts the lists started and not finished, answers the
    // oldest, and so on. Without the limit all 50 would start at once.
    const gate = new AnswerGate();
    emulators = await startEmulators(50, { gate });
    for (const [i, e] of emulators.entries()) e.addClient({ description: `app ${i} service` });
    const limit = concurrencyLimit(MAX_LISTS_IN_FLIGHT);
    let started = 0;
    let finished = 0;
    let onFinish = () => {};
    /** Resolves once `count` lists have reached their callers. */
    const finishedAtLeast = (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => (finished >= count ? resolve() : (onFinish = check));
        check();
      });
    try {
      const listing = Promise.all(
        emulators.map((e) =>
          limit(async () => {
            started++;
            try {
              return await new CaptureClient({ domain: e.domain, ...e.owner }).list();
            } finally {
              finished++;
              onFinish();
            }
          }),
        ),
      );
      for (let answered = 0; answered < 50; answered++) {
        const expected = Math.min(MAX_LISTS_IN_FLIGHT, 50 - answered);
        await finishedAtLeast(answered);
        await gate.whenHolding(expected);
        assert.equal(started - finished, expected, `lists started with ${answered} answered`);
        gate.releaseOne();
      }
      const lists = await listing;
      assert.equal(emulators[0]!.inFlight.max, MAX_LISTS_IN_FLIGHT, 'what the emulators saw at most');
      assert.equal(
        emulators.reduce((n, e) => n + e.requests.filter((r) => r.op === 'list').length, 0),
        50,
      );
      assert.deepEqual(
        lists.map((clients) => clients.find((c) => c.description.endsWith('service'))?.description),
        emulators.map((_, i) => `app ${i} service`),
      );
    } finally {
      gate.open();
    }
  });

  it('starts the next waiting task when one fails, and passes the failure to its caller', async () => {
    const limit = concurrencyLimit(1);
    const failed = limit(() => Promise.reject(new Error('510 too many')));
    const next = limit(async () => 'listed');
    await assert.rejects(failed, /510 too many/);
    assert.equal(await next, 'listed');
  });
});

const KEYS = {
  clientId: 'IDENTITY_CLOUD_CLIENT_ID',
  clientSecret: 'IDENTITY_CLOUD_CLIENT_SECRET',
  captureDomain: 'IDENTITY_CLOUD_CAPTURE_DOMAIN',
};

const client = (id: string, secret: string): ApiClient => ({
  clientId: id,
  clientSecret: secret,
  description: `client ${id.slice(0, 4)}`,
  features: ['direct_read_access'],
  whitelist: [],
});

describe('the client lookup, one application at a time', () => {
  const A = client('aaaa0000000000000000000000000001', 'aaaasecret0000000000000000000001');
  const B = client('bbbb0000000000000000000000000002', 'bbbbsecret0000000000000000000002');
  const NEW_IN_B = client('bbbb0000000000000000000000000003', 'bbbbsecret0000000000000000000003');
  let lookup: ClientLookup;

  beforeEach(() => {
    lookup = new ClientLookup();
    lookup.configure([
      { name: 'a', domain: 'https://a.example.com', ownerClientIds: [] },
      { name: 'b', domain: 'https://b.example.com', ownerClientIds: [] },
    ]);
    lookup.setClients('a', [A]);
    lookup.setClients('b', [B]);
  });

  /** Analyses `text` the way the editor does, and returns what it asked the lookup. */
  const analyse = (text: string, committable = false) => {
    const recording = new RecordingLookup(lookup);
    const analysis = analyzeEnv(text, KEYS, recording, { committable }, formatMessage);
    return { analysis, asked: recording.asked() };
  };

  it('answers each client from its own application', () => {
    assert.equal(lookup.lookup(A.clientId)?.application, 'a');
    assert.equal(lookup.lookup(B.clientId)?.application, 'b');
    assert.equal(lookup.secretOwner(B.clientSecret)?.client.clientId, B.clientId);
    assert.equal(lookup.lookup('nobody00000000000000000000000000'), undefined);
  });

  it("replaces one application's clients without touching the other's", () => {
    lookup.setClients('b', [NEW_IN_B]);
    assert.equal(lookup.lookup(B.clientId), undefined, 'deleted from b');
    assert.equal(lookup.lookup(NEW_IN_B.clientId)?.application, 'b');
    assert.equal(lookup.lookup(A.clientId)?.application, 'a');
  });

  it("leaves a file that mentions only a's clients alone when b's list arrives", () => {
    const { asked } = analyse(
      `IDENTITY_CLOUD_CLIENT_ID=${A.clientId}\nIDENTITY_CLOUD_CLIENT_SECRET=${A.clientSecret}\n`,
    );
    lookup.setClients('b', [B, NEW_IN_B]);
    assert.equal(lookup.affects(asked), false);
    lookup.setClients('a', [A]);
    assert.equal(lookup.affects(asked), true, "a's own list arriving could change it");
  });

  it('keeps the clients of an application whose owner clients changed, and forgets a removed one', () => {
    const { asked } = analyse(`IDENTITY_CLOUD_CLIENT_ID=${A.clientId}\n`);
    lookup.configure([
      { name: 'a', domain: 'https://a.example.com', ownerClientIds: [A.clientId] },
      { name: 'b', domain: 'https://b.example.com', ownerClientIds: [] },
    ]);
    assert.deepEqual(lookup.lookup(A.clientId), {
      application: 'a',
      domain: 'https://a.example.com',
      client: A,
      own: true,
    });
    assert.equal(lookup.affects(asked), true, 'its client is now the owner client');
    lookup.configure([{ name: 'a', domain: 'https://a.example.com', ownerClientIds: [A.clientId] }]);
    lookup.configure([
      { name: 'a', domain: 'https://a.example.com', ownerClientIds: [A.clientId] },
      { name: 'b', domain: 'https://b.example.com', ownerClientIds: [] },
    ]);
    assert.equal(lookup.lookup(B.clientId), undefined, 'b was removed: it is listed afresh');
    assert.deepEqual(lookup.applications, [
      { name: 'a', domain: 'https://a.example.com', listed: true },
      { name: 'b', domain: 'https://b.example.com', listed: false },
    ]);
  });

  it('re-analyses a file whose unknown client ID a later list knows', () => {
    const text = `IDENTITY_CLOUD_CLIENT_ID=${NEW_IN_B.clientId}\n`;
    const before = analyse(text);
    assert.deepEqual(
      before.analysis.findings.map((f) => f.code),
      [FindingCodes.unknownClient],
    );
    lookup.setClients('b', [B, NEW_IN_B]);
    assert.equal(lookup.affects(before.asked), true);
    assert.deepEqual(analyse(text).analysis.findings, []);
  });

  it('re-analyses a committable file when a later list knows one of its values as a secret', () => {
    const { asked } = analyse(`OTHER_SECRET=${NEW_IN_B.clientSecret}\n`, true);
    lookup.setClients('a', [A]);
    assert.equal(lookup.affects(asked), false, 'a does not know it');
    lookup.setClients('b', [NEW_IN_B]);
    assert.equal(lookup.affects(asked), true);
  });

  it('re-analyses every file when the applications, their completeness or staleness change', () => {
    const { asked } = analyse(`IDENTITY_CLOUD_CLIENT_ID=${A.clientId}\n`);
    lookup.setStale(true);
    assert.equal(lookup.affects(asked), true, 'the messages say the list may be out of date');
    const again = analyse(`IDENTITY_CLOUD_CLIENT_ID=${A.clientId}\n`).asked;
    lookup.configure([{ name: 'a', domain: 'https://a.example.com', ownerClientIds: [] }]);
    assert.equal(lookup.affects(again), true, 'b is gone');
    assert.equal(lookup.lookup(A.clientId)?.application, 'a', 'an unchanged application keeps its clients');
  });
});
