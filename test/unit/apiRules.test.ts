import { strict as assert } from 'node:assert';
import { normalizeCaptureDomain, unsafeForCredentials } from '../../src/api/captureDomain';
import {
  CaptureApiError,
  RequestCancelledError,
  TransportError,
  type TransportFailure,
} from '../../src/api/errors';
import {
  describeFailure,
  describeLostResetSecret,
  describeMaybeReset,
  oldSecretLasts,
} from '../../src/api/errorMessages';
import { checkFeatureSet } from '../../src/api/features';
import { checkDescription, cidrContains, normalizeCidr } from '../../src/api/validation';
import { formatMessage as t } from '../../src/common/translate';

describe('Capture domain normalisation', () => {
  const ok: Array<[string, string]> = [
    ['myapp.us-dev.janraincapture.com', 'https://myapp.us-dev.janraincapture.com'],
    ['  https://myapp.janraincapture.com/  ', 'https://myapp.janraincapture.com'],
    ['https://myapp.eu.janraincapture.com/clients/add?x=1#y', 'https://myapp.eu.janraincapture.com'],
    ['HTTPS://MyApp.JanrainCapture.com', 'https://myapp.janraincapture.com'],
    ['http://127.0.0.1:8790', 'http://127.0.0.1:8790'],
    ['http://localhost:3000/', 'http://localhost:3000'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
  ];
  for (const [input, origin] of ok) {
    it(`accepts ${JSON.stringify(input)} as ${origin}`, () =>
      assert.deepEqual(normalizeCaptureDomain(input, t), { origin }));
  }
  const bad: Array<[string, RegExp]> = [
    ['', /Capture domain/],
    ['   ', /Capture domain/],
    ['http://myapp.janraincapture.com', /https:\/\/ for myapp\.janraincapture\.com/],
    ['http://10.0.0.5', /https:\/\//],
    ['https://owner:secret@myapp.janraincapture.com', /user name or password/],
    ['ftp://myapp.janraincapture.com', /must start with https/],
    ['https://exa mple.com', /not a valid domain/],
  ];
  for (const [input, problem] of bad) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      const result = normalizeCaptureDomain(input, t);
      assert.ok('problem' in result);
      assert.match(result.problem, problem);
      assert.doesNotMatch(result.problem, /secret@/);
    });
  }
});

describe('where credentials may be sent (https, or plain http only to this machine)', () => {
  const cases: Array<[string, ReturnType<typeof unsafeForCredentials>]> = [
    ['https://myapp.janraincapture.com', undefined],
    ['https://v1.api.eu.janrain.com/customer/login', undefined],
    ['http://127.0.0.1:8790', undefined],
    ['http://127.10.20.30', undefined],
    ['http://localhost:3000/', undefined],
    ['http://LOCALHOST', undefined],
    ['http://[::1]:9000', undefined],
    ['http://myapp.janraincapture.com', 'plainHttp'],
    ['http://10.0.0.5', 'plainHttp'],
    ['http://localhost.example.com', 'plainHttp'],
    ['http://127.0.0.1.example.com', 'plainHttp'],
    ['ftp://127.0.0.1', 'notHttp'],
    ['ws://localhost:3000', 'notHttp'],
    ['file:///etc/passwd', 'notHttp'],
    ['javascript:alert(1)', 'notHttp'],
  ];
  for (const [address, verdict] of cases) {
    it(`${address}: ${verdict ?? 'may be used'}`, () =>
      assert.equal(unsafeForCredentials(new URL(address)), verdict));
  }
});

describe('feature rules', () => {
  it('allows none, one, and combinations without login_client', () => {
    assert.equal(checkFeatureSet([], t), undefined);
    assert.equal(checkFeatureSet(['direct_read_access'], t), undefined);
    assert.equal(checkFeatureSet(['owner', 'access_issuer', 'direct_access'], t), undefined);
    assert.equal(checkFeatureSet(['login_client'], t), undefined);
  });
  it('refuses login_client with anything else', () => {
    assert.match(
      checkFeatureSet(['login_client', 'direct_read_access'], t)!,
      /login_client cannot be combined/,
    );
  });
  it('names unknown features and lists the valid ones', () => {
    assert.match(
      checkFeatureSet(['superuser_owner'], t)!,
      /Unknown feature "superuser_owner"\. Valid features are: login_client, access_issuer/,
    );
  });
  it('refuses metadata unless the client already has it', () => {
    assert.match(checkFeatureSet(['metadata'], t)!, /Only Akamai/);
    assert.equal(checkFeatureSet(['metadata', 'direct_read_access'], t, ['metadata']), undefined);
  });
  it('refuses duplicates', () => assert.match(checkFeatureSet(['owner', 'owner'], t)!, /twice/));
});

describe('description rules', () => {
  it('accepts a trimmed single line', () =>
    assert.equal(checkDescription('  checkout service ', t), undefined));
  it('refuses empty and whitespace', () => {
    assert.match(checkDescription('', t)!, /Enter a description/);
    assert.match(checkDescription(' \t ', t)!, /Enter a description/);
  });
  it('refuses newlines, Unicode line separators included', () => {
    for (const text of ['a\nb', 'a\rb', 'a\u2028b', 'a\u2029b', 'a\u0085b'])
      assert.match(checkDescription(text, t)!, /single line/);
  });
  it('refuses control and bidirectional-override characters', () => {
    for (const text of ['a\u0007b', 'a\u202eb', 'a\u2066b'])
      assert.match(checkDescription(text, t)!, /control characters/);
  });
  it('refuses 10,000 characters with the length and the limit', () =>
    assert.match(checkDescription('x'.repeat(10_000), t)!, /10000 characters long; the limit is 1000/));
});

describe('allow list entries', () => {
  it('accepts CIDRs and takes a bare address as /32', () => {
    assert.deepEqual(normalizeCidr('203.0.113.0/24', t), { cidr: '203.0.113.0/24' });
    assert.deepEqual(normalizeCidr(' 198.51.100.7 ', t), { cidr: '198.51.100.7/32' });
    assert.deepEqual(normalizeCidr('0.0.0.0/0', t), { cidr: '0.0.0.0/0' });
  });
  it('refuses what is not an IPv4 range', () => {
    for (const bad of ['256.1.1.1/24', '10.0.0.0/33', 'example.com', '10.0.0/24', '']) {
      assert.ok('problem' in normalizeCidr(bad, t), bad);
    }
  });
  it('knows whether a range contains an address', () => {
    assert.equal(cidrContains('127.0.0.0/8', '127.0.0.1'), true);
    assert.equal(cidrContains('0.0.0.0/0', '203.0.113.9'), true);
    assert.equal(cidrContains('203.0.113.0/24', '203.0.114.1'), false);
    assert.equal(cidrContains('198.51.100.7/32', '198.51.100.7'), true);
  });
});

describe('what a reset means for the old secret, in every message that says it', () => {
  it('no grace period is "immediately", never "0 hours"; one hour is singular', () => {
    assert.equal(oldSecretLasts(0, t), 'The old secret stops working immediately.');
    assert.equal(oldSecretLasts(1, t), 'The old secret keeps working for 1 hour.');
    assert.equal(oldSecretLasts(24, t), 'The old secret keeps working for 24 hours.');
    assert.match(
      describeLostResetSecret('abc', 0, t).message,
      / The old secret stops working immediately\. /,
    );
    for (const own of [true, false]) {
      assert.match(
        describeMaybeReset('It failed.', 0, own, t),
        /If it was, the old secret stopped working at once\./,
      );
      assert.match(
        describeMaybeReset('It failed.', 1, own, t),
        /If it was, the old secret keeps working for 1 hour\./,
      );
      assert.doesNotMatch(describeMaybeReset('It failed.', 0, own, t), /0 hours/);
    }
    assert.match(
      describeMaybeReset('It failed.', 2, true, t),
      /Set Owner Credentials/,
      'the extension’s own client',
    );
    assert.match(describeMaybeReset('It failed.', 2, false, t), /Reset it again to get a secret you know\.$/);
  });
});

describe('error messages', () => {
  const api = (code: number | undefined, error = 'some_error', description?: string, arg?: string) =>
    new CaptureApiError(code, error, description, 'req-123', arg);
  const expected: Array<[number, RegExp]> = [
    [100, /required field was missing \(description\)/],
    [200, /rejected "features"\. features was not valid/],
    [205, /authentication method/],
    [221, /does not know this application.*Capture domain/],
    [224, /does not know this application/],
    [402, /owner client ID or secret is wrong/],
    [403, /lacks the 'owner' feature, or this machine's IP address is outside the client's allow list/],
    [480, /temporarily disabled/],
    [500, /unexpected server error/],
    [510, /too many simultaneous calls/],
  ];
  for (const [code, words] of expected) {
    it(`explains code ${code} with the request id`, () => {
      const report = describeFailure(
        api(
          code,
          'x',
          'features was not valid for the following reason: y',
          code === 100 ? 'description' : 'features',
        ),
        'Creating the client',
        t,
      );
      assert.match(report.message, words);
      assert.match(report.message, /^Creating the client failed/);
      assert.match(report.message, /\(request id: req-123\)$/);
    });
  }
  it('quotes unknown codes verbatim', () => {
    const report = describeFailure(api(999, 'brand_new_error', 'Something new.'), 'Listing clients', t);
    assert.match(report.message, /999 "brand_new_error"\. Something new\. \(request id: req-123\)/);
  });
  it('says when no request id came back', () => {
    const report = describeFailure(
      new CaptureApiError(500, 'unexpected_error', undefined, undefined, undefined),
      'X',
      t,
    );
    assert.match(report.message, /no request id/);
  });
  it('offers to set the credentials on 402 and 403', () => {
    assert.ok(describeFailure(api(402), 'X', t).actions.includes('setOwnerCredentials'));
    assert.ok(describeFailure(api(403), 'X', t).actions.includes('setOwnerCredentials'));
  });
  const transport: Array<[TransportFailure, RegExp]> = [
    ['dns', /could not be found.*http\.proxy/],
    ['refused', /refused.*http\.proxy/],
    ['tls', /certificate.*http\.systemCertificates.*never turns certificate checks off/],
    ['proxy', /http\.proxySupport/],
    ['timeout', /did not answer in time.*requestTimeoutSeconds/],
    ['reset', /connection dropped/],
    ['http', /not from Capture \(HTTP 502\).*proxy/],
    ['incomplete', /cut off before its end.*proxy or VPN/],
    ['redirect', /redirects elsewhere.*Manage Application/],
    ['malformed', /unexpected form/],
  ];
  for (const [failure, words] of transport) {
    it(`explains a ${failure} failure and what to check`, () => {
      const report = describeFailure(
        new TransportError(failure, 'detail', true, { status: 502 }),
        'Creating the client',
        t,
      );
      assert.match(report.message, words);
    });
  }
  it('says a cancellation was a cancellation', () => {
    assert.match(
      describeFailure(new RequestCancelledError(), 'Creating the client', t).message,
      /was cancelled/,
    );
  });
});
