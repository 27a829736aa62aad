import { strict as assert } from 'node:assert';
import type { ApiClient } from '../../src/api/captureClient';
import { formatMessage } from '../../src/common/translate';
import {
  analyzeEnv,
  buildSnapshot,
  EMPTY_SNAPSHOT,
  FindingCodes,
  type IndexSnapshot,
} from '../../src/env/credentialFindings';
import { parseDirective, realEnvFileName } from '../../src/env/directive';
import { findEnvCredentials } from '../../src/env/envCredentials';

const KEYS = {
  clientId: 'IDENTITY_CLOUD_CLIENT_ID',
  clientSecret: 'IDENTITY_CLOUD_CLIENT_SECRET',
  captureDomain: 'IDENTITY_CLOUD_CAPTURE_DOMAIN',
};

const DEV = 'https://dev.us-dev.janraincapture.com';
const PROD = 'https://prod.us.janraincapture.com';

const client = (id: string, secret: string, features: string[] = ['direct_read_access']): ApiClient => ({
  clientId: id,
  clientSecret: secret,
  description: `client ${id.slice(0, 4)}`,
  features,
  whitelist: ['0.0.0.0/0'],
});

const CHECKOUT = client('checkout0000000000000000000000aa', 'checkoutsecret00000000000000000a');
const OWNER = client('owner00000000000000000000000000bb', 'ownersecret0000000000000000000bb', ['owner']);
const REPORTS = client('reports0000000000000000000000cc', 'reportssecret000000000000000000c');

function index(stale = false): IndexSnapshot {
  return buildSnapshot(
    [
      { name: 'dev', domain: DEV, clients: [CHECKOUT, OWNER], ownerClientIds: [OWNER.clientId] },
      { name: 'prod', domain: PROD, clients: [REPORTS], ownerClientIds: [] },
    ],
    stale,
  );
}

const analyze = (text: string, snapshot = index(), committable = false) =>
  analyzeEnv(text, KEYS, snapshot, { committable }, formatMessage);

const codes = (text: string, snapshot = index(), committable = false) =>
  analyze(text, snapshot, committable).findings.map((f) => f.code);

describe('env credentials: pairing', () => {
  it('pairs the configured keys, wherever they are in the file', () => {
    const text = [
      'IDENTITY_CLOUD_CAPTURE_DOMAIN=dev.us-dev.janraincapture.com',
      '# a comment',
      'IDENTITY_CLOUD_CLIENT_SECRET="s3cret"',
      'OTHER=1',
      'export IDENTITY_CLOUD_CLIENT_ID=abc',
    ].join('\n');
    const { sets } = findEnvCredentials(text, KEYS);
    assert.equal(sets.length, 1);
    const [set] = sets;
    assert.equal(set.id.value, 'abc');
    assert.equal(set.secret?.value, 's3cret');
    assert.equal(text.slice(set.secret!.start, set.secret!.end), 's3cret', 'the range excludes the quotes');
    assert.equal(set.domain?.value, 'dev.us-dev.janraincapture.com');
  });

  it('pairs <PREFIX>_CLIENT_ID with <PREFIX>_CLIENT_SECRET and <PREFIX>_CAPTURE_DOMAIN or <PREFIX>_DOMAIN', () => {
    const text = [
      'CHECKOUT_CLIENT_ID=one',
      'CHECKOUT_CLIENT_SECRET=sec1',
      'CHECKOUT_DOMAIN=a.example',
      'REPORTS_CLIENT_ID=two',
      'REPORTS_CLIENT_SECRET=sec2',
      'REPORTS_CAPTURE_DOMAIN=b.example',
      'REPORTS_DOMAIN=c.example',
      '_CLIENT_ID=not-a-prefix',
    ].join('\n');
    const sets = findEnvCredentials(text, KEYS).sets.map((s) => [s.id.key, s.secret?.key, s.domain?.value]);
    assert.deepEqual(sets, [
      ['CHECKOUT_CLIENT_ID', 'CHECKOUT_CLIENT_SECRET', 'a.example'],
      ['REPORTS_CLIENT_ID', 'REPORTS_CLIENT_SECRET', 'b.example'],
    ]);
  });

  it('follows custom key names from identityCloud.envKeys', () => {
    const keys = { clientId: 'APP_ID', clientSecret: 'APP_KEY', captureDomain: 'APP_HOST' };
    const { sets } = findEnvCredentials('APP_ID=x\nAPP_KEY=y\nAPP_HOST=z\n', keys);
    assert.deepEqual(
      sets.map((s) => [s.id.value, s.secret?.value, s.domain?.value]),
      [['x', 'y', 'z']],
    );
  });

  it('reads values as dotenv does: the last of a repeated key, nothing inside a multi-line quote', () => {
    const text = 'A_CLIENT_ID=first\nNOTE="line one\nB_CLIENT_ID=inside-a-quote\n"\nA_CLIENT_ID=last\n';
    const { sets } = findEnvCredentials(text, KEYS);
    assert.deepEqual(
      sets.map((s) => [s.id.key, s.id.value]),
      [['A_CLIENT_ID', 'last']],
    );
  });

  it('keeps an empty ID key (the onboarding lens needs it), ranged on the key', () => {
    const text = 'IDENTITY_CLOUD_CLIENT_ID=\nIDENTITY_CLOUD_CLIENT_SECRET=\n';
    const { sets } = findEnvCredentials(text, KEYS);
    assert.equal(sets[0].id.value, '');
    assert.equal(analyze(text).reports[0].state, 'empty');
  });
});

describe('env credentials: the identity-cloud directive', () => {
  it('reads application, features and a quoted description', () => {
    const text =
      'FOO=1\n# identity-cloud: application=dev features=direct_read_access,access_issuer description="Checkout service"\n';
    assert.deepEqual(parseDirective(text, formatMessage), {
      application: 'dev',
      features: ['direct_read_access', 'access_issuer'],
      description: 'Checkout service',
      problems: [],
    });
  });

  it('is case-insensitive about its name, tolerates spacing, and names what it did not understand', () => {
    const directive = parseDirective(
      '  #Identity-Cloud :  application=dev   colour=red stray\n',
      formatMessage,
    );
    assert.equal(directive?.application, 'dev');
    assert.equal(directive?.features, undefined);
    assert.deepEqual(directive?.problems, [
      '"colour" is not a directive setting (use application, features or description).',
      '"stray" is not a setting=value pair.',
    ]);
  });

  it('is absent from a file without one, and an empty features list is no features', () => {
    assert.equal(parseDirective('# identity: application=dev\nA=1\n', formatMessage), undefined);
    assert.deepEqual(parseDirective('# identity-cloud: features=', formatMessage)?.features, []);
  });
});

describe('env credentials: the real file for a committed example', () => {
  it('maps an example, sample or template to the file that gets real values, and nothing else', () => {
    assert.deepEqual(
      [
        '.env.example',
        '.env.local.sample',
        '.env.template',
        '.env.DIST',
        '.env',
        '.env.local',
        'app.env',
      ].map(realEnvFileName),
      ['.env', '.env.local', '.env', '.env', '.env', '.env.local', 'app.env'],
    );
  });
});

describe('env credentials: findings', () => {
  const current = [
    `IDENTITY_CLOUD_CLIENT_ID=${CHECKOUT.clientId}`,
    `IDENTITY_CLOUD_CLIENT_SECRET=${CHECKOUT.clientSecret}`,
    `IDENTITY_CLOUD_CAPTURE_DOMAIN=dev.us-dev.janraincapture.com`,
  ].join('\n');

  it('finds nothing wrong with current credentials, and reports them as current', () => {
    const { findings, reports } = analyze(current);
    assert.deepEqual(findings, []);
    assert.equal(reports[0].state, 'known');
    assert.equal(reports[0].secret, 'current');
    assert.equal(reports[0].known?.application, 'dev');
  });

  it('flags a secret that is not the client’s current one, on the secret’s value', () => {
    const text = current.replace(CHECKOUT.clientSecret, 'oldsecret000000000000000000000000');
    const { findings, reports } = analyze(text);
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity, text.slice(f.start, f.end)]),
      [[FindingCodes.secretOutdated, 'warning', 'oldsecret000000000000000000000000']],
    );
    assert.equal(reports[0].secret, 'outdated');
    assert.ok(!findings[0].message.includes('oldsecret'), 'the message never holds a secret');
  });

  it('flags an ID no configured application has, naming the applications searched', () => {
    const text = 'IDENTITY_CLOUD_CLIENT_ID=deleted000000000000000000000000\n';
    const [finding] = analyze(text).findings;
    assert.equal(finding.code, FindingCodes.unknownClient);
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /in dev, prod:/);
    assert.equal(text.slice(finding.start, finding.end), 'deleted000000000000000000000000');
  });

  it('does not call an ID unknown while an application is unlisted, or when it is a placeholder', () => {
    const partial = buildSnapshot(
      [
        { name: 'dev', domain: DEV, clients: [CHECKOUT], ownerClientIds: [] },
        { name: 'prod', domain: PROD, ownerClientIds: [] },
      ],
      false,
    );
    assert.deepEqual(codes('IDENTITY_CLOUD_CLIENT_ID=deleted000000000000000000000000', partial), []);
    assert.equal(
      analyze('X_CLIENT_ID=deleted000000000000000000000000', partial).reports[0].state,
      'unchecked',
    );
    assert.deepEqual(codes('IDENTITY_CLOUD_CLIENT_ID=your-client-id-here'), []);
    assert.deepEqual(codes('IDENTITY_CLOUD_CLIENT_ID=deleted000000000000000000000000', EMPTY_SNAPSHOT), []);
  });

  it('says when the client list may be out of date', () => {
    const [finding] = analyze(
      'IDENTITY_CLOUD_CLIENT_ID=deleted000000000000000000000000',
      index(true),
    ).findings;
    assert.match(finding.message, /may be out of date/);
  });

  it('flags a domain that is not the application’s, and accepts it written with a scheme', () => {
    assert.deepEqual(codes(current.replace('dev.us-dev', 'prod.us')), [FindingCodes.domainMismatch]);
    assert.deepEqual(codes(current.replace('=dev.us-dev', '=https://dev.us-dev')), []);
    assert.deepEqual(codes(current.replace('dev.us-dev.janraincapture.com', 'http://x.example')), [
      FindingCodes.domainMismatch,
    ]);
  });

  it('flags an owner client’s credentials in an env file', () => {
    const text = `OWNER_CLIENT_ID=${OWNER.clientId}\nOWNER_CLIENT_SECRET=${OWNER.clientSecret}\n`;
    const { findings, reports } = analyze(text);
    assert.deepEqual(
      findings.map((f) => f.code),
      [FindingCodes.ownerInEnv],
    );
    assert.equal(reports[0].known?.own, true);
  });

  it('flags a known secret, under any key, only in a file git would commit', () => {
    const text = `SOME_SECRET=${REPORTS.clientSecret}\nA=1\n${current}`;
    assert.deepEqual(codes(text, index(), false), []);
    const found = analyze(text, index(), true).findings;
    assert.deepEqual(
      found.map((f) => [f.code, f.clientId]),
      [
        [FindingCodes.committableSecret, REPORTS.clientId],
        [FindingCodes.committableSecret, CHECKOUT.clientId],
      ],
    );
  });

  it('never puts a secret in any message', () => {
    const text = [
      `OWNER_CLIENT_ID=${OWNER.clientId}`,
      `OWNER_CLIENT_SECRET=stale-owner-secret-value`,
      `OWNER_DOMAIN=prod.us.janraincapture.com`,
      `X_SECRET=${REPORTS.clientSecret}`,
      `Y_CLIENT_ID=gone00000000000000000000000000000`,
    ].join('\n');
    const { findings } = analyze(text, index(true), true);
    assert.equal(findings.length, 5);
    for (const f of findings) {
      for (const secret of [OWNER.clientSecret, REPORTS.clientSecret, CHECKOUT.clientSecret, 'stale-owner']) {
        assert.ok(!f.message.includes(secret), `${f.code} leaks a secret`);
      }
    }
  });
});
