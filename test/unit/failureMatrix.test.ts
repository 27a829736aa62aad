// The pure half of the failure matrix (test/failureMatrix.ts): the checks and wordings that need no
// VS Code, run in plain Node. The integration tier runs the same cases through the real commands.
import { strict as assert } from 'node:assert';
import { parseCaptureResponse } from '../../src/api/captureClient';
import { normalizeCaptureDomain } from '../../src/api/captureDomain';
import { describeCreateFailure, describeFailure } from '../../src/api/errorMessages';
import { CaptureApiError, ConfigApiError, TransportError } from '../../src/api/errors';
import { parseConfigResponse } from '../../src/api/configApi';
import * as z from 'zod/mini';
import { checkFeatureSet } from '../../src/api/features';
import { addResponseSchema, settingsItemsResponseSchema } from '../../src/api/schemas';
import { checkSettingsArgument, classifyProbe, describeCheck } from '../../src/api/settingsRules';
import { checkDescription } from '../../src/api/validation';
import { formatMessage as t } from '../../src/common/translate';
import { EnvFileError, upsertEnv } from '../../src/env/envFile';
import { HostedLoginClient } from '../../src/api/hostedLoginClient';
import { checkRedirectUri, parseOidcUrl } from '../../src/api/hostedLoginLocation';
import {
  authorizationUrl,
  checkAuthorizationRequest,
  createPkce,
  fetchDiscovery,
  readRedirect,
} from '../../src/api/oidc';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { FAILURE_MATRIX, MAY_EXIST, casesFor, renderMarkdown, type FailureCase } from '../failureMatrix';
import { checkReadmeBlock } from './readmeBlock';

const CREATING = 'Creating the client';

/** What Capture (or whatever answered in its place) sent to /clients/add, run through the parser. */
function addFailure(status: number, text: string): CaptureApiError | TransportError {
  try {
    parseCaptureResponse('add', status, text, addResponseSchema);
  } catch (error) {
    if (error instanceof CaptureApiError || error instanceof TransportError) return error;
    throw error;
  }
  assert.fail('the answer was accepted');
}

function createMessage(status: number, text: string): string {
  const error = addFailure(status, text);
  return error instanceof CaptureApiError
    ? describeFailure(error, CREATING, t).message
    : describeCreateFailure(error, 'matrix client', 'matrix', t).message;
}

/** A CFG-* case's answer to GET /config/{app_id}/flows, parsed, in the words Connect Configuration API… shows. */
function configMessage(c: FailureCase): string {
  const { status, errors } = c.config!;
  try {
    parseConfigResponse('/flows', status, JSON.stringify({ errors }), z.array(z.unknown()), 'undocumented');
  } catch (error) {
    assert.ok(error instanceof ConfigApiError, String(error));
    const { message } = describeFailure(error, 'Checking the Configuration API', t);
    return message;
  }
  return assert.fail('the answer was accepted');
}

const problem = (c: FailureCase, value: string | undefined) => {
  assert.ok(value, `${c.id} finds a problem`);
  assert.match(value, c.message);
};

const domainProblem = (c: FailureCase, input: string) => {
  const result = normalizeCaptureDomain(input, t);
  assert.ok('problem' in result, `${input} is rejected`);
  problem(c, result.problem);
};

/** A Capture error body as the emulator sends it for an API-* case. */
function apiBody(c: FailureCase, idKey = 'request_id'): string {
  const api = c.api!;
  return JSON.stringify({
    stat: 'error',
    code: api.code,
    error: api.error,
    error_description: api.description ?? api.error,
    [idKey]: '0123456789abcdef',
    ...(api.argumentName ? { argument_name: api.argumentName } : {}),
  });
}

/** What Check Credentials says when Capture answers the probe with this case's error. */
function checkMessage(c: FailureCase, features: string[]): string {
  let error: unknown;
  try {
    parseCaptureResponse('settings/items', 200, apiBody(c), settingsItemsResponseSchema);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof CaptureApiError);
  const client = { features, whitelist: ['203.0.113.0/24'] };
  return describeCheck(classifyProbe({ error }, client), '"shop" (abc)', t).message;
}

const apiCase = (c: FailureCase) => assert.match(createMessage(200, apiBody(c)), c.message);

/** A Hosted Login error from the emulator, for the HL-* and SIGNIN-* cases that need a server. */
async function hostedLoginFailure(run: (emulator: Emulator) => Promise<unknown>): Promise<string> {
  const emulator = await startEmulator();
  try {
    const error = await run(emulator).then(
      () => assert.fail('it should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof Error);
    return error.message;
  } finally {
    await emulator.close();
  }
}

const hostedLoginApi = (emulator: Emulator, scope?: string) =>
  new HostedLoginClient(
    parseOidcUrl(emulator.hostedLogin.oidcUrl, t) as { customerId: string; origin: string },
    emulator.hostedLogin.configClient,
    { t, ...(scope ? { scope } : {}) },
  );

const runners: Record<string, (c: FailureCase) => void | Promise<void>> = {
  'HL-REDIRECT-HTTP': (c) => problem(c, checkRedirectUri('http://app.example.com/callback', t)),
  'HL-NO-SCOPE': async (c) =>
    assert.match(
      await hostedLoginFailure((e) => hostedLoginApi(e, 'GET:nothing/**').listClients()),
      c.message,
    ),
  'SIGNIN-NO-FLOW': async (c) =>
    assert.match(
      await hostedLoginFailure(async (e) => {
        const api = hostedLoginApi(e);
        const client = await api.createClient({
          name: 'matrix',
          type: 'public',
          redirectUris: ['http://127.0.0.1:8765/'],
          loginPolicy: e.hostedLogin.loginPolicies[0]!.id,
          tokenPolicy: e.hostedLogin.tokenPolicies[0]!.id,
        });
        const discovery = await fetchDiscovery(api.base, {}, t);
        const url = authorizationUrl(discovery, {
          clientId: client.id,
          redirectUri: 'http://127.0.0.1:8765/',
          scope: 'openid',
          state: 's',
          nonce: 'n',
          pkce: createPkce(),
        });
        await checkAuthorizationRequest(
          url,
          { clientName: 'matrix', redirectUri: 'http://127.0.0.1:8765/', application: 'dev' },
          {},
          t,
        );
      }),
      c.message,
    ),
  'SIGNIN-DENIED': (c) =>
    assert.throws(
      () => readRedirect(new URLSearchParams('error=access_denied&state=s'), 's', t),
      (e: Error) => c.message.test(e.message),
    ),
  'SIGNIN-STATE': (c) =>
    assert.throws(
      () => readRedirect(new URLSearchParams('code=x&state=other'), 's', t),
      (e: Error) => c.message.test(e.message),
    ),
  'IN-01': (c) => problem(c, checkDescription('', t)),
  'IN-02': (c) => problem(c, checkDescription('  \t  ', t)),
  'IN-03': (c) => problem(c, checkDescription('checkout\nservice', t)),
  'IN-04': (c) => problem(c, checkDescription('x'.repeat(10_000), t)),
  'IN-05': (c) => problem(c, checkDescription('bell\u0007here', t)),
  'IN-06': (c) => problem(c, checkFeatureSet(['superuser_owner'], t)),
  'IN-08': (c) => problem(c, checkFeatureSet(['login_client', 'direct_read_access'], t)),
  'IN-09': (c) => problem(c, checkFeatureSet(['metadata'], t)),
  'IN-10': (c) => {
    const result = normalizeCaptureDomain('myapp.us-dev.janraincapture.com', t);
    assert.ok('origin' in result);
    assert.match(result.origin, c.message);
  },
  'IN-11': () =>
    assert.deepEqual(normalizeCaptureDomain('http://127.0.0.1:8790/clients/list/', t), {
      origin: 'http://127.0.0.1:8790',
    }),
  'IN-12': (c) => domainProblem(c, 'http://capture.example.com'),
  'IN-13': (c) => {
    domainProblem(c, 'https://owner:pa55word@capture.example.com');
    const result = normalizeCaptureDomain('https://owner:pa55word@capture.example.com', t);
    assert.ok(
      'problem' in result && !result.problem.includes('pa55word'),
      'the problem does not repeat the password',
    );
  },
  'IN-14': (c) => domainProblem(c, 'ftp://capture.example.com'),
  'IN-15': (c) => domainProblem(c, ''),
  'API-100': apiCase,
  'API-200': apiCase,
  'API-205': apiCase,
  'API-221': apiCase,
  'API-224': apiCase,
  'API-402': apiCase,
  'API-403': apiCase,
  'API-480': apiCase,
  'API-500': apiCase,
  'API-510': apiCase,
  'API-999': apiCase,
  'API-TOKEN': (c) =>
    assert.match(
      createMessage(
        200,
        '{"stat":"error","code":500,"error":"unexpected_error","request_token":"0123456789abcdef"}',
      ),
      c.message,
    ),
  'API-NOID': (c) =>
    assert.match(createMessage(200, '{"stat":"error","code":500,"error":"unexpected_error"}'), c.message),
  'NET-502': (c) => {
    const message = createMessage(
      502,
      '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head></html>',
    );
    assert.match(message, c.message);
    assert.match(message, MAY_EXIST);
  },
  'NET-TRUNCATED': (c) => {
    const whole = JSON.stringify({
      stat: 'ok',
      client_id: 'abc',
      client_secret: 'def',
      description: 'matrix client',
    });
    assert.match(createMessage(200, whole.slice(0, whole.length / 2)), c.message);
  },
  'NET-STAT': (c) => assert.match(createMessage(200, '{"stat":"weird"}'), c.message),
  // Client settings and login clients
  'SET-ARG': (c) => {
    const checked = checkSettingsArgument({ default_flow_name: 1 }, t);
    problem(c, 'problem' in checked ? checked.problem : undefined);
  },
  'CHECK-402': (c) => assert.match(checkMessage(c, ['login_client']), c.message),
  'CHECK-403': (c) => assert.match(checkMessage(c, ['direct_read_access']), c.message),
  'CHECK-NO-FEATURES': (c) => assert.match(checkMessage(c, []), c.message),
  // The Configuration API: its error body through the parser, then into words
  'CFG-401': (c) => assert.match(configMessage(c), c.message),
  'CFG-403': (c) => assert.match(configMessage(c), c.message),
  'CFG-404': (c) => assert.match(configMessage(c), c.message),
  'CFG-500': (c) => assert.match(configMessage(c), c.message),
  'FILE-UNSAFE': () => {
    assert.throws(
      () => upsertEnv('A=1\nKEY:', [{ key: 'IDENTITY_CLOUD_CLIENT_ID', value: 'abc' }]),
      (error: unknown) => error instanceof EnvFileError,
    );
  },
};

describe('failure matrix, the pure checks', () => {
  it('has at least 40 cases with unique ids, each with a tier', () => {
    assert.ok(FAILURE_MATRIX.length >= 40, `${FAILURE_MATRIX.length} cases`);
    assert.equal(new Set(FAILURE_MATRIX.map((c) => c.id)).size, FAILURE_MATRIX.length);
    for (const c of FAILURE_MATRIX) assert.ok(c.tiers.length > 0, c.id);
  });

  it('has a unit test for every unit case', () => {
    assert.deepEqual(
      Object.keys(runners).sort(),
      casesFor('unit')
        .map((c) => c.id)
        .sort(),
    );
  });

  it('renders one README row per case', () => {
    const markdown = renderMarkdown();
    for (const c of FAILURE_MATRIX) assert.ok(markdown.includes(`| ${c.id} |`), c.id);
  });

  it("is the table in the README's troubleshooting section (UPDATE_README=1 rewrites it)", () => {
    checkReadmeBlock('failure-matrix', 'test/failureMatrix.ts', renderMarkdown());
  });

  for (const c of casesFor('unit')) {
    it(`${c.id} ${c.fault}`, () => runners[c.id]!(c));
  }
});
