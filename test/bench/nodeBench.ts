// The benchmark's plain-Node part: the .env upsert on a 10,000-line file and parsing a
// /clients/list answer of 2,000 clients. Prints JSON for test/bench/run.ts.
import { parseCaptureResponse } from '../../src/api/captureClient';
import { listResponseSchema } from '../../src/api/schemas';
import { upsertEnv } from '../../src/env/envFile';
import type { ApiClient } from '../../src/api/captureClient';
import { formatMessage } from '../../src/common/translate';
import { analyzeEnv, buildSnapshot } from '../../src/env/credentialFindings';
import { ClientLookup } from '../../src/clients/clientLookup';
import { summarize, time } from './stats';

function envFile(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    if (i % 10 === 0) out.push(`# section ${i}`);
    else if (i % 17 === 0) out.push('');
    else out.push(`SERVICE_${i}_URL="https://service-${i}.example.com/path?q=${i}"`);
  }
  out.push('IDENTITY_CLOUD_CLIENT_ID=old', 'IDENTITY_CLOUD_CLIENT_SECRET=old');
  return out.join('\n') + '\n';
}

export function listAnswer(count: number): string {
  const results = Array.from({ length: count }, (_, i) => ({
    client_id: `client${String(i).padStart(27, '0')}`,
    client_secret: `secret${String(i).padStart(26, '0')}`,
    description: `service ${i}`,
    features: i % 3 === 0 ? ['direct_read_access'] : ['login_client'],
    whitelist: ['0.0.0.0/0'],
  }));
  return JSON.stringify({ stat: 'ok', results });
}

/** A 200-line env file with 20 client ID/secret pairs (some current, some outdated, one unknown). */
function credentialsEnv(clients: readonly ApiClient[]): string {
  const out: string[] = [];
  for (let line = 0; line < 200; line++) {
    const n = Math.floor(line / 10);
    const c = clients[n * 97]!;
    // SERVICE19 holds a deleted client: Capture's ID shape, known to no application.
    if (line % 10 === 0) {
      out.push(`SERVICE${n}_CLIENT_ID=${n === 19 ? 'unknown0000000000000000000000000' : c.clientId}`);
    } else if (line % 10 === 1) {
      out.push(
        `SERVICE${n}_CLIENT_SECRET=${n % 3 === 0 ? 'outdated0000000000000000000000' : c.clientSecret}`,
      );
    } else out.push(line % 7 === 0 ? `# note ${line}` : `SETTING_${line}="value ${line}"`);
  }
  return out.join('\n') + '\n';
}

/** Heap in use after a full collection (run with --expose-gc), in MB. */
function heapMB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/**
 * A platform team's scale (issue 16): 50 applications × 2,000 clients. One application's list
 * arriving with the 98,000 others indexed, beside the yardstick of a plain Map of its 2,000; a
 * miss (an ID nobody has, looked for in all 50); and the heap the lists and the lookup take.
 */
function scale() {
  const baseline = heapMB();
  const lists = Array.from({ length: 50 }, (_, app) =>
    (
      JSON.parse(listAnswer(2000).replaceAll('client0', `c${String(app).padStart(2, '0')}`)) as {
        results: Array<{
          client_id: string;
          client_secret: string;
          description: string;
          features: string[];
          whitelist: string[];
        }>;
      }
    ).results.map((r): ApiClient => ({
      clientId: r.client_id,
      clientSecret: `${r.client_secret}${app}`,
      description: r.description,
      features: r.features,
      whitelist: r.whitelist,
    })),
  );
  const listsOnly = heapMB();
  const lookup = new ClientLookup();
  lookup.configure(
    lists.map((_, i) => ({ name: `app${i}`, domain: `https://app${i}.example.com`, ownerClientIds: [] })),
  );
  lists.forEach((clients, i) => lookup.setClients(`app${i}`, clients));
  lookup.secretOwner('no such secret'); // asks every application's secrets
  const indexed = heapMB();
  const arrival: number[] = [];
  const yardstick: number[] = [];
  for (let i = 0; i < 30; i++) {
    const fresh = lists[i % 50]!.map((c) => ({ ...c }));
    let started = performance.now();
    lookup.setClients(`app${i % 50}`, fresh);
    arrival.push(performance.now() - started);
    started = performance.now();
    const plain = new Map<string, ApiClient>();
    for (const c of fresh) plain.set(c.clientId, c);
    yardstick.push(performance.now() - started);
  }
  const misses = Array.from({ length: 1000 }, (_, i) => `nobody${String(i).padStart(26, '0')}`);
  const miss: number[] = [];
  for (let round = 0; round < 20; round++) {
    const started = performance.now();
    for (const id of misses) lookup.lookup(id);
    miss.push((performance.now() - started) / misses.length);
  }
  return {
    scaleArrival: summarize(arrival.slice(5)),
    scaleArrivalRatio: summarize(arrival.slice(5).map((t, i) => t / yardstick[i + 5]!)),
    scaleArrivalYardstick: summarize(yardstick.slice(5)),
    scaleMiss: summarize(miss.slice(2)),
    scaleListsMB: listsOnly - baseline,
    scaleIndexMB: indexed - baseline,
    scaleGc: typeof (globalThis as { gc?: unknown }).gc === 'function',
  };
}

async function main(): Promise<void> {
  const text = envFile(10_000);
  const entries = [
    { key: 'IDENTITY_CLOUD_CLIENT_ID', value: 'abcdefghijklmnopqrstuvwxyz012345' },
    { key: 'IDENTITY_CLOUD_CLIENT_SECRET', value: 'ZYXWVUTSRQPONMLKJIHGFEDCBA543210' },
    { key: 'IDENTITY_CLOUD_CAPTURE_DOMAIN', value: 'https://myapp.us-dev.janraincapture.com' },
  ];
  const upsert = await time(50, 5, () => upsertEnv(text, entries));
  const answer = listAnswer(2000);
  const parse = await time(50, 5, () => parseCaptureResponse('list', 200, answer, listResponseSchema));
  const clients: ApiClient[] = (
    JSON.parse(answer) as { results: Array<{ client_id: string; client_secret: string }> }
  ).results.map((r) => ({
    clientId: r.client_id,
    clientSecret: r.client_secret,
    description: '',
    features: [],
    whitelist: [],
  }));
  const snapshot = buildSnapshot(
    [{ name: 'dev', domain: 'https://dev.example.com', clients, ownerClientIds: [] }],
    false,
  );
  const env = credentialsEnv(clients);
  const keys = {
    clientId: 'IDENTITY_CLOUD_CLIENT_ID',
    clientSecret: 'IDENTITY_CLOUD_CLIENT_SECRET',
    captureDomain: 'IDENTITY_CLOUD_CAPTURE_DOMAIN',
  };
  const diagnose = await time(200, 20, () =>
    analyzeEnv(env, keys, snapshot, { committable: true }, formatMessage),
  );
  if (analyzeEnv(env, keys, snapshot, { committable: false }, formatMessage).findings.length < 2)
    throw new Error('the credentials file raised no problems');
  process.stdout.write(
    JSON.stringify({
      diagnostics: summarize(diagnose),
      diagnosticsLines: env.split('\n').length - 1,
      upsert: summarize(upsert),
      upsertBytes: text.length,
      listParse: summarize(parse),
      listBytes: answer.length,
      ...scale(),
    }),
  );
}

if (require.main === module) void main();
