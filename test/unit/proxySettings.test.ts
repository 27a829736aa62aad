import { strict as assert } from 'node:assert';
import { proxyFor, redactProxy } from '../../src/network/proxySettings';

// The proxy VS Code's fetch uses, by @vscode/proxy-agent's rules (see proxySettings.ts).

describe('proxy in use', () => {
  const capture = new URL('https://app.us-dev.janraincapture.com');
  const proxy = 'http://alice:s3cret-pass@proxy.corp:8080';

  it('http.proxy, with its password never shown', () => {
    const choice = proxyFor(capture, { proxy });
    assert.deepEqual(choice, {
      kind: 'proxy',
      source: 'http.proxy',
      proxy: 'http://alice:***@proxy.corp:8080',
      hasCredentials: true,
      hasProxyAuthorization: false,
    });
  });

  it('http.proxySupport off, localhost, and http.noProxy go direct', () => {
    assert.deepEqual(proxyFor(capture, { proxy, proxySupport: 'off' }), {
      kind: 'direct',
      reason: 'proxySupportOff',
    });
    assert.deepEqual(proxyFor(new URL('http://127.0.0.1:9'), { proxy }), {
      kind: 'direct',
      reason: 'localhost',
    });
    assert.equal(proxyFor(capture, { proxy, noProxy: ['janraincapture.com'] }).kind, 'direct', 'a suffix');
    assert.equal(
      proxyFor(capture, { proxy, noProxy: ['.janraincapture.com:443'] }).kind,
      'direct',
      'with a port',
    );
    assert.equal(
      proxyFor(capture, { proxy, noProxy: ['janraincapture.com:8443'] }).kind,
      'proxy',
      'another port',
    );
  });

  it('only a bare * is a wildcard in http.noProxy; *.domain matches nothing, as in VS Code', () => {
    assert.equal(proxyFor(capture, { proxy, noProxy: ['*'] }).kind, 'direct');
    assert.equal(proxyFor(capture, { proxy, noProxy: ['*.janraincapture.com'] }).kind, 'proxy');
  });

  it('HTTPS_PROXY and NO_PROXY from the environment, the settings first', () => {
    const env = { HTTPS_PROXY: 'http://env-proxy:3128', NO_PROXY: 'example.org' };
    assert.equal(proxyFor(capture, { env }).kind, 'proxy');
    assert.equal((proxyFor(capture, { env }) as { source: string }).source, 'environment');
    assert.equal((proxyFor(capture, { env, proxy }) as { source: string }).source, 'http.proxy');
    assert.equal(proxyFor(new URL('https://a.example.org'), { env }).kind, 'direct');
    assert.equal(
      proxyFor(new URL('https://a.example.org'), { env, noProxy: ['other.net'] }).kind,
      'proxy',
      'http.noProxy replaces NO_PROXY',
    );
    assert.deepEqual(proxyFor(capture, {}), { kind: 'system' });
  });

  it('redacts a password, keeps a bare origin as typed, and hides an unparsable one', () => {
    assert.deepEqual(redactProxy('http://127.0.0.1:3128'), {
      proxy: 'http://127.0.0.1:3128',
      hasCredentials: false,
    });
    assert.equal(redactProxy('http://u:p%40ss@h:1').proxy, 'http://u:***@h:1');
    assert.equal(redactProxy('not a url:pw@host').proxy, '***@host');
  });
});
