import { strict as assert } from 'node:assert';
import type { LoginClient } from '../../src/api/hostedLoginClient';
import { formatMessage } from '../../src/common/translate';
import { analyzeEnv, EMPTY_SNAPSHOT, FindingCodes } from '../../src/env/credentialFindings';
import {
  applicationsToList,
  EMPTY_HOSTED_LOGIN,
  findOidcSet,
  type HostedLoginSnapshot,
} from '../../src/env/oidcFindings';
import { findEnvCredentials } from '../../src/env/envCredentials';
import { DEFAULT_ENV_KEYS, DEFAULT_OIDC_ENV_KEYS } from '../../src/ids';

// The OIDC keys of a Hosted Login app read against the connected applications (oidcFindings.ts),
// through analyzeEnv as the editor calls it.

const CUSTOMER = '4f0c3a55-1d2e-4b7a-9c31-0b6f2d7e8a90';
const DEV_ISSUER = `https://v1.api.us.janrain.com/${CUSTOMER}/login`;
const CUSTOM_ISSUER = 'https://login.example.com/login';

const STOREFRONT: LoginClient = {
  id: '7b3e1c2a-9f4d-4e8b-a1c6-5d2f0e9b8c71',
  name: 'Storefront',
  type: 'public',
  redirectUris: ['http://localhost:3000/callback', 'https://shop.example.com/callback'],
  loginPolicy: 'lp',
  tokenPolicy: 'tp',
};
const DELETED_ID = '0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a';

/** dev: connected, discovered, listed. */
const hostedLogin = (
  overrides: Partial<HostedLoginSnapshot['applications'][number]> = {},
): HostedLoginSnapshot => ({
  applications: [
    {
      name: 'dev',
      defaultIssuer: DEV_ISSUER,
      issuer: DEV_ISSUER,
      clients: [STOREFRONT],
      ...overrides,
    },
  ],
});

const env = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n') + '\n';

const analyze = (text: string, snapshot = hostedLogin()) =>
  analyzeEnv(
    text,
    DEFAULT_ENV_KEYS,
    EMPTY_SNAPSHOT,
    { committable: false, oidc: { keys: DEFAULT_OIDC_ENV_KEYS, hostedLogin: snapshot } },
    formatMessage,
  );

const codes = (text: string, snapshot = hostedLogin()) => analyze(text, snapshot).findings.map((f) => f.code);

describe('OIDC keys in env files: whose set, and its problems', () => {
  const table: Array<{
    name: string;
    file: Record<string, string>;
    snapshot?: HostedLoginSnapshot;
    codes: string[];
    ours: boolean;
  }> = [
    {
      name: 'our login client with its issuer and a registered redirect URI: no problem',
      file: {
        OIDC_ISSUER: DEV_ISSUER,
        OIDC_CLIENT_ID: STOREFRONT.id,
        OIDC_REDIRECT_URI: 'http://localhost:3000/callback',
      },
      codes: [],
      ours: true,
    },
    {
      name: 'a trailing slash on the issuer is the same issuer',
      file: { OIDC_ISSUER: `${DEV_ISSUER}/`, OIDC_CLIENT_ID: STOREFRONT.id },
      codes: [],
      ours: true,
    },
    {
      name: 'our login client with another region’s issuer: the issuer does not match',
      file: { OIDC_ISSUER: DEV_ISSUER.replace('.us.', '.eu.'), OIDC_CLIENT_ID: STOREFRONT.id },
      codes: [FindingCodes.issuerMismatch],
      ours: true,
    },
    {
      name: 'our login client even beside an Okta issuer (the ID is the evidence)',
      file: { OIDC_ISSUER: 'https://dev-123456.okta.com/oauth2/default', OIDC_CLIENT_ID: STOREFRONT.id },
      codes: [FindingCodes.issuerMismatch],
      ours: true,
    },
    {
      name: 'a redirect URI not registered on the client',
      file: {
        OIDC_ISSUER: DEV_ISSUER,
        OIDC_CLIENT_ID: STOREFRONT.id,
        OIDC_REDIRECT_URI: 'http://localhost:4000/callback',
      },
      codes: [FindingCodes.redirectNotRegistered],
      ours: true,
    },
    {
      name: 'our issuer with a client that is no longer listed',
      file: { OIDC_ISSUER: DEV_ISSUER, OIDC_CLIENT_ID: DELETED_ID, OIDC_REDIRECT_URI: 'http://x/cb' },
      codes: [FindingCodes.unknownLoginClient],
      ours: true,
    },
    {
      name: 'our issuer with a placeholder ID: no claim about it',
      file: { OIDC_ISSUER: DEV_ISSUER, OIDC_CLIENT_ID: 'your-client-id' },
      codes: [],
      ours: true,
    },
    {
      name: 'our issuer, the clients not listed yet: nothing said about the ID',
      file: { OIDC_ISSUER: DEV_ISSUER, OIDC_CLIENT_ID: DELETED_ID },
      snapshot: hostedLogin({ clients: undefined }),
      codes: [],
      ours: true,
    },
    {
      name: 'the API-origin issuer where discovery names a custom domain',
      file: { OIDC_ISSUER: DEV_ISSUER, OIDC_CLIENT_ID: STOREFRONT.id },
      snapshot: hostedLogin({ issuer: CUSTOM_ISSUER }),
      codes: [FindingCodes.issuerMismatch],
      ours: true,
    },
    {
      name: 'the issuer not checked before the discovery document was read',
      file: { OIDC_ISSUER: DEV_ISSUER.replace('.us.', '.eu.'), OIDC_CLIENT_ID: STOREFRONT.id },
      snapshot: hostedLogin({ issuer: undefined }),
      codes: [],
      ours: true,
    },
    {
      name: 'Auth0',
      file: {
        OIDC_ISSUER: 'https://acme.us.auth0.com/',
        OIDC_CLIENT_ID: 'kH3jd8Qm2Lx9Pq4Rt7Vw1Yz5Ab6Cd0Ef',
        OIDC_CLIENT_SECRET: 'not-ours',
        OIDC_REDIRECT_URI: 'http://localhost:3000/api/auth/callback',
      },
      codes: [],
      ours: false,
    },
    {
      name: 'Okta',
      file: {
        OIDC_ISSUER: 'https://dev-123456.okta.com/oauth2/default',
        OIDC_CLIENT_ID: '0oa1b2c3d4e5f6g7h8i9',
        OIDC_REDIRECT_URI: 'http://localhost:8080/login/callback',
      },
      codes: [],
      ours: false,
    },
    {
      name: 'Azure AD (a GUID ID like ours)',
      file: {
        OIDC_ISSUER: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
        OIDC_CLIENT_ID: '6731de76-14a6-49ae-97bc-6eba6914391e',
        OIDC_REDIRECT_URI: 'http://localhost:3000/auth/callback',
      },
      codes: [],
      ours: false,
    },
    {
      name: 'a GUID ID without an issuer, not among the listed clients',
      file: { OIDC_CLIENT_ID: DELETED_ID, OIDC_REDIRECT_URI: 'http://localhost:1/cb' },
      codes: [],
      ours: false,
    },
    {
      name: 'our issuer when nothing is connected to Hosted Login',
      file: { OIDC_ISSUER: DEV_ISSUER, OIDC_CLIENT_ID: DELETED_ID },
      snapshot: EMPTY_HOSTED_LOGIN,
      codes: [],
      ours: false,
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const analysis = analyze(env(row.file), row.snapshot);
      assert.deepEqual(
        analysis.findings.map((f) => f.code),
        row.codes,
      );
      assert.equal(
        analysis.oidc !== undefined,
        row.ours && !!row.file.OIDC_CLIENT_ID,
        'a report for hover and lens',
      );
      assert.deepEqual(analysis.reports, [], 'the OIDC client ID is never read as a Capture API client');
    });
  }

  it('says which issuer is expected, and offers it as the replacement', () => {
    const text = env({ OIDC_ISSUER: 'https://v1.api.eu.janrain.com/x/login', OIDC_CLIENT_ID: STOREFRONT.id });
    const [finding] = analyze(text).findings;
    assert.match(
      finding!.message,
      /OIDC_ISSUER is not the issuer of dev, where login client Storefront lives/,
    );
    assert.ok(finding!.message.includes(DEV_ISSUER));
    assert.deepEqual(finding!.replacements, [DEV_ISSUER]);
    assert.equal(finding!.severity, 'error');
    assert.equal(text.slice(finding!.start, finding!.end), 'https://v1.api.eu.janrain.com/x/login');
  });

  it('a redirect URI not registered: a warning naming the registered ones, the unregistered URI kept for the fix', () => {
    const text = env({ OIDC_CLIENT_ID: STOREFRONT.id, OIDC_REDIRECT_URI: '"http://localhost:4000/cb"' });
    const [finding] = analyze(text).findings;
    assert.equal(finding!.severity, 'warning');
    assert.equal(finding!.redirectUri, 'http://localhost:4000/cb');
    assert.equal(finding!.loginClientId, STOREFRONT.id);
    assert.deepEqual(finding!.replacements, STOREFRONT.redirectUris);
    assert.equal(text.slice(finding!.start, finding!.end), 'http://localhost:4000/cb', 'inside the quotes');
    assert.match(finding!.message, /Registered: http:\/\/localhost:3000\/callback, https:\/\/shop/);
  });

  it('an unknown login client is at most a warning, and no message holds the secret', () => {
    const secret = 'OIDC-secret-value-0123456789';
    const analysis = analyze(
      env({ OIDC_ISSUER: DEV_ISSUER, OIDC_CLIENT_ID: DELETED_ID, OIDC_CLIENT_SECRET: secret }),
    );
    assert.deepEqual(
      analysis.findings.map((f) => [f.code, f.severity]),
      [[FindingCodes.unknownLoginClient, 'warning']],
    );
    assert.ok(analysis.findings.every((f) => !f.message.includes(secret)));
  });

  it('reads the key names the setting names', () => {
    const keys = {
      issuer: 'AUTH_ISSUER',
      clientId: 'AUTH_CLIENT_ID',
      clientSecret: 'AUTH_SECRET',
      redirectUri: 'AUTH_CALLBACK',
    };
    const text = env({
      AUTH_ISSUER: DEV_ISSUER,
      AUTH_CLIENT_ID: STOREFRONT.id,
      AUTH_CALLBACK: 'http://localhost:9/cb',
    });
    const analysis = analyzeEnv(
      text,
      DEFAULT_ENV_KEYS,
      EMPTY_SNAPSHOT,
      { committable: false, oidc: { keys, hostedLogin: hostedLogin() } },
      formatMessage,
    );
    assert.deepEqual(
      analysis.findings.map((f) => f.code),
      [FindingCodes.redirectNotRegistered],
    );
    assert.equal(codes(text).length, 0, 'the default names do not read these keys');
  });

  it('an Identity Cloud Capture set beside another provider’s OIDC set keeps its own analysis', () => {
    const text = env({
      IDENTITY_CLOUD_CLIENT_ID: 'checkout0000000000000000000000aa',
      IDENTITY_CLOUD_CAPTURE_DOMAIN: 'dev.us-dev.janraincapture.com',
      OIDC_ISSUER: 'https://acme.us.auth0.com/',
      OIDC_CLIENT_ID: 'kH3jd8Qm2Lx9Pq4Rt7Vw1Yz5Ab6Cd0Ef',
    });
    const analysis = analyze(text);
    assert.deepEqual(
      analysis.reports.map((r) => r.set.id.key),
      ['IDENTITY_CLOUD_CLIENT_ID'],
    );
    assert.equal(analysis.oidc, undefined);
  });
});

describe('OIDC keys in env files: which applications to list on open', () => {
  const set = (values: Record<string, string>) =>
    findOidcSet(findEnvCredentials(env(values), DEFAULT_ENV_KEYS).values, DEFAULT_OIDC_ENV_KEYS);
  const unlisted = hostedLogin({ clients: undefined });
  const twoApps: HostedLoginSnapshot = {
    applications: [
      ...unlisted.applications,
      { name: 'prod', defaultIssuer: 'https://v1.api.eu.janrain.com/prod-cid/login' },
    ],
  };

  it('the application whose issuer the file has', () => {
    assert.deepEqual(
      applicationsToList(set({ OIDC_ISSUER: DEV_ISSUER, OIDC_CLIENT_ID: DELETED_ID }), twoApps),
      ['dev'],
    );
  });

  it('every connected application for an issuer at a Hosted Login host that matches none', () => {
    assert.deepEqual(
      applicationsToList(
        set({ OIDC_ISSUER: 'https://v1.api.us.janrain.com/other/login', OIDC_CLIENT_ID: DELETED_ID }),
        twoApps,
      ),
      ['dev', 'prod'],
    );
  });

  it('none for another provider, for no issuer, or for no keys', () => {
    assert.deepEqual(
      applicationsToList(
        set({ OIDC_ISSUER: 'https://acme.us.auth0.com/', OIDC_CLIENT_ID: DELETED_ID }),
        twoApps,
      ),
      [],
    );
    assert.deepEqual(applicationsToList(set({ OIDC_CLIENT_ID: DELETED_ID }), twoApps), []);
    assert.deepEqual(applicationsToList(set({ PORT: '8080' }), twoApps), []);
  });
});
