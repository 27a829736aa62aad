// The benchmark's plain-Node part: the .env upsert on a 10,000-line file and parsing a
// /clients/list answer of 2,000 clients. Prints JSON for test/bench/run.ts.
import { parseCaptureResponse } from '../../src/api/captureClient';
import { listResponseSchema } from '../../src/api/schemas';
import { upsertEnv } from '../../src/env/envFile';
import type { ApiClient } from '../../src/api/captureClient';
import { formatMessage } from '../../src/common/translate';
import { analyzeEnv, buildSnapshot } from '../../src/env/credentialFindings';
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
    }),
  );
}

if (require.main === module) void main();
