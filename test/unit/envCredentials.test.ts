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
import { checkDirective, parseDirective } from '../../src/env/directive';
import { findEnvCredentials, keyNamesOf } from '../../src/env/envCredentials';
import { CAPTURE_ID_SHAPE } from '../../src/api/validation';
import { hostOf } from '../../src/env/ownership';

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
      start: 6,
      end: text.length - 1,
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
    assert.equal(finding.severity, 'warning', 'it may belong to an application not added here');
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
      analyze('X_CLIENT_ID=deleted0000000000000000000000000', partial).reports[0].state,
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
      `Y_CLIENT_ID=gone0000000000000000000000000000`,
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

describe('env credentials: whose they are (no false alarms on other providers)', () => {
  /** A deleted Identity Cloud client: the shape of a Capture ID, known to no application. */
  const DELETED = 'k3v9q2m7x1c8b4n6z0w5r2t7y9u1i3o8';

  /** What the editor would show on each set: [ID key, lens state, problem codes on that set]. */
  const shown = (text: string, snapshot = index()) => {
    const { reports, findings } = analyze(text, snapshot);
    return reports.map((r) => [
      r.set.id.key,
      r.state,
      findings
        .filter((f) => f.start >= r.set.id.keyStart && f.start <= r.set.id.end)
        .map((f) => `${f.code}:${f.severity}`),
    ]);
  };

  const others: Array<[string, string[]]> = [
    [
      'Auth0 (a mixed-case 32-character ID, the tenant domain)',
      [
        'AUTH0_CLIENT_ID=kT9xYb2QmW7rLp4ZsN1vC8dF3hJ6gA0e',
        'AUTH0_CLIENT_SECRET=Qw3rTy7uIo9pAs1dFg5hJk2lZx8cVb4nMq6wEr0tYu3iOp7a',
        'AUTH0_DOMAIN=acme.us.auth0.com',
      ],
    ],
    [
      'Auth0 for Next.js (the issuer base URL)',
      [
        'AUTH0_ISSUER_BASE_URL=https://acme.eu.auth0.com',
        'AUTH0_CLIENT_ID=kT9xYb2QmW7rLp4ZsN1vC8dF3hJ6gA0e',
        'AUTH0_CLIENT_SECRET=secret',
      ],
    ],
    [
      'Auth0 whose ID happens to be lowercase, with no domain key (the prefix names the provider)',
      ['AUTH0_CLIENT_ID=abcdefghijklmnopqrstuvwxyz012345'],
    ],
    [
      'Okta (0oa… IDs, the issuer)',
      [
        'OKTA_CLIENT_ID=0oa1b2c3d4E5F6g7h8i9',
        'OKTA_CLIENT_SECRET=okta-secret-value',
        'OKTA_ISSUER=https://dev-123456.okta.com/oauth2/default',
      ],
    ],
    [
      'Okta under a neutral prefix (the org URL names its host)',
      ['SSO_CLIENT_ID=0oa1b2c3d4E5F6g7h8i9', 'SSO_ORG_URL=https://acme.okta.com'],
    ],
    [
      'Azure AD (a GUID)',
      [
        'AZURE_CLIENT_ID=6f1d3a2b-9c4e-4f7a-8b2d-1e5c7a9b3d40',
        'AZURE_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47',
        'AZURE_CLIENT_SECRET=abc~def',
      ],
    ],
    [
      'Azure AD with MSAL under a neutral prefix (the authority)',
      [
        'AD_CLIENT_ID=6f1d3a2b-9c4e-4f7a-8b2d-1e5c7a9b3d40',
        'AD_AUTHORITY=https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47',
      ],
    ],
    [
      'Google OAuth',
      [
        'GOOGLE_CLIENT_ID=123456789012-abc123def456ghi789jkl012mno345pq.apps.googleusercontent.com',
        'GOOGLE_CLIENT_SECRET=GOCSPX-abcdefghijklmnop',
      ],
    ],
    [
      'Google OAuth under a neutral prefix (the ID is not Capture’s shape)',
      ['OAUTH_CLIENT_ID=123456789012-abc123def456ghi789jkl012mno345pq.apps.googleusercontent.com'],
    ],
    [
      'Cognito (26 lowercase characters, the hosted UI domain)',
      [
        'COGNITO_CLIENT_ID=5l9ab1cdn2o3pqrs4tuv6wxyz7',
        'COGNITO_CLIENT_SECRET=s3cr3t',
        'COGNITO_DOMAIN=myapp.auth.eu-west-1.amazoncognito.com',
      ],
    ],
    [
      'Cognito under a neutral prefix',
      ['APP_CLIENT_ID=5l9ab1cdn2o3pqrs4tuv6wxyz7', 'APP_DOMAIN=myapp.auth.eu-west-1.amazoncognito.com'],
    ],
    [
      'Stripe Connect',
      ['STRIPE_CLIENT_ID=ca_Fkn8ZJ2sP1dGhT3mQ9xWv4LrYb6NcE0a', 'STRIPE_SECRET_KEY=sk_test_x'],
    ],
    [
      'Spotify (32 lowercase hex digits: the prefix decides)',
      ['SPOTIFY_CLIENT_ID=8f2c4e6a1b3d5f7092e4c6a8b0d2f4e6'],
    ],
    ['an empty Auth0 ID in a committed example', ['AUTH0_CLIENT_ID=', 'AUTH0_CLIENT_SECRET=']],
    [
      'an empty Auth0 ID beside a directive',
      ['# identity-cloud: application=dev', 'AUTH0_CLIENT_ID=', 'AUTH0_DOMAIN=acme.auth0.com'],
    ],
  ];
  for (const [name, lines] of others) {
    it(`leaves alone: ${name}`, () => {
      const text = lines.join('\n') + '\n';
      const { findings, reports } = analyze(text);
      assert.deepEqual(reports, [], 'no lens, no hover claim');
      assert.deepEqual(findings, [], 'no problem, so no quick fix');
    });
  }

  const ours: Array<[string, string[], unknown[]]> = [
    [
      'the configured keys, whatever their domain says',
      [`IDENTITY_CLOUD_CLIENT_ID=${DELETED}`, 'IDENTITY_CLOUD_CAPTURE_DOMAIN=acme.auth0.com'],
      [['IDENTITY_CLOUD_CLIENT_ID', 'notFound', ['unknown-client:warning']]],
    ],
    [
      'the configured keys, empty (the onboarding lens)',
      ['IDENTITY_CLOUD_CLIENT_ID=', 'IDENTITY_CLOUD_CLIENT_SECRET='],
      [['IDENTITY_CLOUD_CLIENT_ID', 'empty', []]],
    ],
    [
      'a deleted client with no domain key: Capture’s ID shape',
      [`CHECKOUT_CLIENT_ID=${DELETED}`, 'CHECKOUT_CLIENT_SECRET=x'],
      [['CHECKOUT_CLIENT_ID', 'notFound', ['unknown-client:warning']]],
    ],
    [
      'a deleted client beside a Capture domain, whatever its ID looks like',
      ['CHECKOUT_CLIENT_ID=Deleted0Client0Id0', 'CHECKOUT_DOMAIN=https://dev.us-dev.janraincapture.com'],
      [['CHECKOUT_CLIENT_ID', 'notFound', ['unknown-client:warning']]],
    ],
    [
      'a client the index knows, even under another provider’s name',
      [`AUTH0_CLIENT_ID=${CHECKOUT.clientId}`, `AUTH0_CLIENT_SECRET=${CHECKOUT.clientSecret}`],
      [['AUTH0_CLIENT_ID', 'known', []]],
    ],
    [
      'an empty ID beside a directive',
      ['# identity-cloud: application=dev', 'CHECKOUT_CLIENT_ID=', 'CHECKOUT_CLIENT_SECRET='],
      [['CHECKOUT_CLIENT_ID', 'empty', []]],
    ],
  ];
  for (const [name, lines, expected] of ours) {
    it(`counts as Identity Cloud’s: ${name}`, () => {
      assert.deepEqual(shown(lines.join('\n') + '\n'), expected);
    });
  }

  it('knows a configured application’s own domain as Capture’s', () => {
    const custom = buildSnapshot(
      [{ name: 'brand', domain: 'https://login.brand.example', clients: [], ownerClientIds: [] }],
      false,
    );
    const text = 'BRAND_CLIENT_ID=Deleted0Client0Id0\nBRAND_DOMAIN=login.brand.example\n';
    assert.deepEqual(shown(text, custom), [['BRAND_CLIENT_ID', 'notFound', ['unknown-client:warning']]]);
    assert.deepEqual(shown(text.replace('brand.example', 'other.example'), custom), []);
  });

  it('in a mixed file, reports the Identity Cloud sets and nothing on the others', () => {
    const text = [
      'AUTH0_DOMAIN=acme.us.auth0.com',
      'AUTH0_CLIENT_ID=kT9xYb2QmW7rLp4ZsN1vC8dF3hJ6gA0e',
      'AUTH0_CLIENT_SECRET=auth0-secret',
      'OKTA_CLIENT_ID=0oa1b2c3d4E5F6g7h8i9',
      `IDENTITY_CLOUD_CLIENT_ID=${CHECKOUT.clientId}`,
      'IDENTITY_CLOUD_CLIENT_SECRET=oldsecret00000000000000000000000',
      `REPORTS_CLIENT_ID=${DELETED}`,
      '',
    ].join('\n');
    assert.deepEqual(shown(text), [
      ['IDENTITY_CLOUD_CLIENT_ID', 'known', []],
      ['REPORTS_CLIENT_ID', 'notFound', ['unknown-client:warning']],
    ]);
    const { findings } = analyze(text);
    assert.deepEqual(
      findings.map((f) => [f.code, text.slice(f.start, f.end)]),
      [
        [FindingCodes.secretOutdated, 'oldsecret00000000000000000000000'],
        [FindingCodes.unknownClient, DELETED],
      ],
    );
  });

  it('names on each finding the keys of its own set, for a fix to write there', () => {
    const text = [
      `IDENTITY_CLOUD_CLIENT_ID=${CHECKOUT.clientId}`,
      `IDENTITY_CLOUD_CLIENT_SECRET=${CHECKOUT.clientSecret}`,
      `REPORTS_CLIENT_ID=${DELETED}`,
      'REPORTS_DOMAIN=dev.us-dev.janraincapture.com',
      `ADMIN_CLIENT_ID=${OWNER.clientId}`,
      '',
    ].join('\n');
    assert.deepEqual(
      analyze(text).findings.map((f) => [f.code, f.keys]),
      [
        [
          FindingCodes.unknownClient,
          {
            clientId: 'REPORTS_CLIENT_ID',
            clientSecret: 'REPORTS_CLIENT_SECRET',
            captureDomain: 'REPORTS_DOMAIN',
          },
        ],
        [
          FindingCodes.ownerInEnv,
          {
            clientId: 'ADMIN_CLIENT_ID',
            clientSecret: 'ADMIN_CLIENT_SECRET',
            captureDomain: 'ADMIN_CAPTURE_DOMAIN',
          },
        ],
      ],
    );
    assert.deepEqual(
      keyNamesOf(findEnvCredentials(`IDENTITY_CLOUD_CLIENT_ID=${DELETED}\n`, KEYS).sets[0]!, KEYS),
      KEYS,
    );
  });

  it('treats only well-formed hosts as evidence', () => {
    assert.equal(hostOf('acme.us.auth0.com'), 'acme.us.auth0.com');
    assert.equal(hostOf('https://dev-1.okta.com/oauth2/default'), 'dev-1.okta.com');
    assert.equal(hostOf('http://127.0.0.1:8080'), '127.0.0.1:8080');
    assert.equal(hostOf('your-domain-here'), undefined);
    assert.equal(hostOf(''), undefined);
    assert.ok(CAPTURE_ID_SHAPE.test(DELETED));
    assert.ok(!CAPTURE_ID_SHAPE.test('kT9xYb2QmW7rLp4ZsN1vC8dF3hJ6gA0e'), 'mixed case is not Capture’s');
  });
});

describe('env credentials: directive problems', () => {
  const APPS = ['dev', 'Brand', 'Brand Staging'];

  it('accepts an unquoted application name with spaces that matches a known one exactly', () => {
    const text = '# identity-cloud: application=Brand Staging features=direct_read_access\n';
    const directive = parseDirective(text, formatMessage, APPS);
    assert.equal(directive?.application, 'Brand Staging');
    assert.deepEqual(directive?.features, ['direct_read_access']);
    assert.deepEqual(directive?.problems, []);
    assert.deepEqual(checkDirective(directive!, APPS, formatMessage), []);
    // Without that application, the words are not joined: the problem says why.
    const alone = parseDirective(text, formatMessage, ['dev']);
    assert.equal(alone?.application, 'Brand');
    assert.deepEqual(alone?.problems, ['"Staging" is not a setting=value pair.']);
  });

  it('puts the problem on the directive line, naming the known applications', () => {
    const text = 'PORT=1\n# identity-cloud: application=Brand Staging features=direct_read_access\nX=1\n';
    const [finding] = analyze(text).findings;
    assert.equal(finding?.code, FindingCodes.directiveProblem);
    assert.equal(finding?.severity, 'warning');
    assert.equal(
      text.slice(finding!.start, finding!.end),
      '# identity-cloud: application=Brand Staging features=direct_read_access',
    );
    assert.equal(
      finding?.message,
      '"Staging" is not a setting=value pair. There is no application named "Brand". Known applications: dev, prod. Quote a name with spaces: application="My App".',
    );
  });

  it('names features that cannot be given, and says when no application is added', () => {
    const text = '# identity-cloud: application=dev features=direct_reed_access\n';
    assert.match(
      analyze(text).findings[0]!.message,
      /^Unknown feature "direct_reed_access"\. Valid features are: /,
    );
    assert.equal(
      analyze('# identity-cloud: application=dev\n', EMPTY_SNAPSHOT).findings[0]?.message,
      'No application is added here yet: add "dev" to create its client.',
    );
    assert.deepEqual(codes('# identity-cloud: application=dev features=direct_read_access\n'), []);
  });
});
