import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseCaptureResponse, type Operation } from '../../src/api/captureClient';
import { CaptureApiError, TransportError } from '../../src/api/errors';
import {
  addResponseSchema,
  listResponseSchema,
  okResponseSchema,
  resetSecretResponseSchema,
  settingFlagResponseSchema,
  settingFlagsResponseSchema,
  settingValueResponseSchema,
  settingsItemsResponseSchema,
  settingsKeysResponseSchema,
} from '../../src/api/schemas';

// Whatever a server (or something pretending to be one) answers, parseCaptureResponse either
// returns a validated body or throws one of the two documented errors: never a TypeError, a
// ZodError or a SyntaxError that would escape the extension's error boundary as a bug.

const RUNS = { numRuns: 10_000 };

const SCHEMAS = {
  add: addResponseSchema,
  list: listResponseSchema,
  delete: okResponseSchema,
  set_description: okResponseSchema,
  set_features: okResponseSchema,
  set_whitelist: okResponseSchema,
  clear_whitelist: okResponseSchema,
  reset_secret: resetSecretResponseSchema,
  'settings/items': settingsItemsResponseSchema,
  'settings/keys': settingsKeysResponseSchema,
  'settings/get': settingValueResponseSchema,
  'settings/get_multi': settingsItemsResponseSchema,
  'settings/set': settingFlagResponseSchema,
  'settings/set_multi': settingFlagsResponseSchema,
  'settings/delete': settingFlagResponseSchema,
  'settings/get_default': settingValueResponseSchema,
  'settings/set_default': settingFlagResponseSchema,
  'settings/delete_default': settingFlagResponseSchema,
} satisfies Record<Operation, unknown>;

const operation = fc.constantFrom(...(Object.keys(SCHEMAS) as Operation[]));
const status = fc.oneof(fc.constantFrom(200, 400, 403, 500, 502, 504), fc.integer({ min: 100, max: 599 }));

/** Runs the parser and reports what it did; any other throw fails the property. */
function parse(op: Operation, httpStatus: number, text: string): 'ok' | TransportError | CaptureApiError {
  try {
    parseCaptureResponse(op, httpStatus, text, SCHEMAS[op]);
    return 'ok';
  } catch (error) {
    if (error instanceof TransportError || error instanceof CaptureApiError) return error;
    throw new Error(`parseCaptureResponse threw ${String(error)} for ${JSON.stringify(text).slice(0, 200)}`, {
      cause: error,
    });
  }
}

/** A value that is sometimes the right type for a Capture field and sometimes anything at all. */
const loose = <T>(right: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: right }, { weight: 1, arbitrary: fc.jsonValue() });
const token = fc.stringMatching(/^[a-z0-9]{32}$/);
const stringList = fc.array(fc.string(), { maxLength: 4 });

const apiClientLike = fc.record(
  {
    client_id: loose(token),
    client_secret: loose(token),
    description: loose(fc.string()),
    features: loose(stringList),
    whitelist: loose(stringList),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

/** Objects shaped roughly like Capture answers, so the deeper branches are reached often. */
const captureLike = fc.record(
  {
    stat: loose(fc.constantFrom('ok', 'error', 'weird', '')),
    code: loose(fc.oneof(fc.integer(), fc.constantFrom('402', 'abc', '', '1e3'), fc.double())),
    error: loose(fc.string()),
    error_description: loose(fc.string()),
    request_id: loose(fc.string()),
    request_token: loose(fc.string()),
    argument_name: loose(fc.string()),
    results: loose(fc.array(apiClientLike, { maxLength: 3 })),
    new_secret: loose(token),
    client_id: loose(token),
    client_secret: loose(token),
    features: loose(stringList),
    result: loose(fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.boolean(), stringList)),
  },
  { requiredKeys: [] },
);

describe('parseCaptureResponse never throws anything but TransportError or CaptureApiError', function () {
  this.timeout(60_000); // 10,000 runs per property: a few seconds each on a busy machine
  it('for arbitrary strings', () => {
    fc.assert(
      fc.property(operation, status, fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (op, s, text) => {
        parse(op, s, text);
      }),
      RUNS,
    );
  });

  it('for arbitrary JSON values', () => {
    fc.assert(
      fc.property(operation, status, fc.jsonValue(), (op, s, value) => {
        parse(op, s, JSON.stringify(value) ?? 'null');
      }),
      RUNS,
    );
  });

  it('for Capture-shaped objects, and the classification follows "stat"', () => {
    fc.assert(
      fc.property(operation, status, captureLike, (op, s, body) => {
        const outcome = parse(op, s, JSON.stringify(body));
        if (body.stat === 'error')
          assert.ok(outcome instanceof CaptureApiError, 'stat error is a CaptureApiError');
        else if (body.stat !== 'ok')
          assert.ok(outcome instanceof TransportError && outcome.failure === 'malformed');
        if (outcome instanceof TransportError) assert.equal(outcome.mayHaveReachedServer, true);
      }),
      RUNS,
    );
  });

  it('for truncated Capture answers', () => {
    fc.assert(
      fc.property(operation, captureLike, fc.nat(), (op, body, cut) => {
        const text = JSON.stringify(body);
        const truncated = text.slice(0, cut % text.length);
        const outcome = parse(op, 200, truncated);
        assert.ok(outcome instanceof TransportError);
        assert.equal(outcome.failure, truncated.trim() === '' ? 'http' : 'incomplete');
      }),
      RUNS,
    );
  });
});

describe('parseCaptureResponse reads well-formed answers', function () {
  this.timeout(60_000);
  it('keeps code, error, description, request id and argument name of any error body', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999 }),
        fc.string(),
        fc.string(),
        fc.string({ minLength: 1 }),
        fc.boolean(),
        fc.boolean(),
        (code, error, description, requestId, asString, asToken) => {
          const body = {
            stat: 'error',
            code: asString ? String(code) : code,
            error,
            error_description: description,
            [asToken ? 'request_token' : 'request_id']: requestId,
            argument_name: 'features',
          };
          const outcome = parse('add', 200, JSON.stringify(body));
          assert.ok(outcome instanceof CaptureApiError);
          assert.equal(outcome.code, code);
          assert.equal(outcome.error, error);
          assert.equal(outcome.description, description);
          assert.equal(outcome.requestId, requestId);
          assert.equal(outcome.argumentName, 'features');
        },
      ),
      RUNS,
    );
  });

  it('keeps each well-typed error field even when other fields have unexpected types', () => {
    fc.assert(
      fc.property(
        captureLike,
        fc.integer({ min: 1, max: 99_999 }),
        fc.string({ minLength: 1 }),
        (body, code, requestId) => {
          const outcome = parse(
            'list',
            200,
            JSON.stringify({ ...body, stat: 'error', code, request_id: requestId }),
          );
          assert.ok(outcome instanceof CaptureApiError);
          assert.equal(outcome.code, code);
          assert.equal(outcome.requestId, requestId);
          if (typeof body.error === 'string') assert.equal(outcome.error, body.error);
          if (typeof body.error_description === 'string')
            assert.equal(outcome.description, body.error_description);
        },
      ),
      RUNS,
    );
    const nullDescription = parse(
      'add',
      200,
      '{"stat":"error","code":402,"error":"invalid_client_credentials","error_description":null,"request_id":"abc"}',
    );
    assert.ok(nullDescription instanceof CaptureApiError);
    assert.deepEqual(
      [nullDescription.code, nullDescription.error, nullDescription.requestId],
      [402, 'invalid_client_credentials', 'abc'],
    );
  });

  it('returns the client of any valid add answer, extra fields or not', () => {
    fc.assert(
      fc.property(
        token,
        token,
        fc.string(),
        stringList,
        fc.dictionary(fc.string(), fc.jsonValue()),
        (id, secret, description, features, extra) => {
          const body = { ...extra, stat: 'ok', client_id: id, client_secret: secret, description, features };
          const parsed = parseCaptureResponse('add', 200, JSON.stringify(body), addResponseSchema);
          assert.equal(parsed.client_id, id);
          assert.equal(parsed.client_secret, secret);
          assert.deepEqual(parsed.features, features);
        },
      ),
      RUNS,
    );
  });

  it('never quotes a secret from the body in a TransportError', () => {
    fc.assert(
      fc.property(operation, status, token, captureLike, (op, s, secret, body) => {
        const text = JSON.stringify({
          ...body,
          client_secret: secret,
          new_secret: secret,
          results: [{ client_secret: secret }],
        });
        const outcome = parse(op, s, text.slice(0, text.length - (s % 3)));
        if (outcome instanceof TransportError) assert.ok(!outcome.message.includes(secret), outcome.message);
      }),
      RUNS,
    );
  });

  it('names an empty answer and an HTML page as such', () => {
    const empty = parse('list', 200, '  ');
    assert.ok(
      empty instanceof TransportError && empty.failure === 'http' && /empty answer/.test(empty.message),
    );
    const html = parse('list', 502, '<html><body>Bad Gateway</body></html>');
    assert.ok(html instanceof TransportError && /HTML page with HTTP 502/.test(html.message));
    assert.equal(html.detail.status, 502);
  });
});

describe('parseCaptureResponse is lenient with optional client fields', () => {
  it('reads a list whose clients have null or missing description, features and allow list', () => {
    const body = JSON.stringify({
      stat: 'ok',
      results: [
        { client_id: 'a', client_secret: 's1', description: null, features: null, whitelist: null },
        { client_id: 'b', client_secret: 's2' },
      ],
    });
    const parsed = parseCaptureResponse('list', 200, body, listResponseSchema);
    assert.equal(parsed.results.length, 2);
    assert.equal(parsed.results[0]!.client_id, 'a');
  });
});
