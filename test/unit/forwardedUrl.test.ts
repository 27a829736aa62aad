import { strict as assert } from 'node:assert';
import { restoreForwardedPath } from '../../src/network/forwardedUrl';

// What Try Sign-In opens when a remote window's port forwarding rewrote the authorization URL.

const AUTHORIZE =
  'http://127.0.0.1:4000/8f2c/login/authorize?response_type=code&client_id=c1&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fproxy%2F5000%2F&scope=openid+profile+email&state=s';

describe('restoreForwardedPath', () => {
  it("puts the path and query back under code-server's /proxy/PORT/, byte for byte", () => {
    assert.equal(
      restoreForwardedPath(AUTHORIZE, 'http://127.0.0.1:8080/proxy/4000/'),
      'http://127.0.0.1:8080/proxy/4000/8f2c/login/authorize?response_type=code&client_id=c1&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fproxy%2F5000%2F&scope=openid+profile+email&state=s',
    );
  });

  it('does the same for a forwarding to a host of its own that drops the path (a proxy URI template)', () => {
    assert.equal(
      restoreForwardedPath(AUTHORIZE, 'https://box-4000.proxy.example/'),
      `https://box-4000.proxy.example/8f2c/login/authorize${new URL(AUTHORIZE).search}`,
    );
  });

  it('leaves a forwarding that kept the path and query to openExternal (VS Code desktop remotes)', () => {
    assert.equal(
      restoreForwardedPath(AUTHORIZE, AUTHORIZE.replace('127.0.0.1:4000', 'localhost:61234')),
      undefined,
    );
  });

  it('counts a query encoded differently by the forwarding as kept', () => {
    const external = AUTHORIZE.replace('127.0.0.1:4000', 'localhost:61234').replace(/\+/g, '%20');
    assert.equal(restoreForwardedPath(AUTHORIZE, external), undefined);
  });

  it('leaves a URL that was not forwarded (Hosted Login on its public https host)', () => {
    const hosted = 'https://v1.api.us.janrain.com/8f2c/login/authorize?client_id=c1&state=s';
    assert.equal(restoreForwardedPath(hosted, hosted), undefined);
  });

  it('leaves anything that is not a URL alone', () => {
    assert.equal(restoreForwardedPath('not a url', 'http://127.0.0.1:8080/proxy/4000/'), undefined);
  });
});
