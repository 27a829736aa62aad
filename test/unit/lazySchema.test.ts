import * as assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { lazySchema } from '../../src/api/lazySchema';
import { listResponseSchema } from '../../src/api/schemas';

describe('schemas built on first use', () => {
  it('builds nothing until the schema is used, then builds it once', () => {
    let builds = 0;
    const schema = lazySchema(() => {
      builds++;
      return z.object({ stat: z.string() });
    });
    assert.equal(builds, 0, 'not built when defined');
    assert.deepEqual(schema.parse({ stat: 'ok', extra: 1 }), { stat: 'ok' });
    assert.equal(schema.safeParse({ stat: 1 }).success, false);
    assert.equal(builds, 1, 'built once, on first use');
  });

  it('validates inside other schemas, as the schema it stands for', () => {
    const client = lazySchema(() => z.object({ client_id: z.string().check(z.minLength(1)) }));
    const list = z.object({ results: z.array(client) });
    assert.deepEqual(list.parse({ results: [{ client_id: 'a' }] }), { results: [{ client_id: 'a' }] });
    const failed = list.safeParse({ results: [{ client_id: '' }] });
    assert.equal(failed.success, false);
    assert.deepEqual(failed.error?.issues[0]?.path, ['results', 0, 'client_id']);
  });

  it('the lazily built Capture list schema still requires each client’s secret', () => {
    const parsed = listResponseSchema.safeParse({ results: [{ client_id: 'abc' }] });
    assert.equal(parsed.success, false);
    assert.deepEqual(parsed.error?.issues[0]?.path, ['results', 0, 'client_secret']);
  });
});
