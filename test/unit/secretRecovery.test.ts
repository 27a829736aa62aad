import { strict as assert } from 'node:assert';
import { describeShape, findClientId, findCreatedClient, findNewSecret } from '../../src/api/secretRecovery';

// The shapes an "ok" answer may carry a secret in, and what the log may say about them.

describe('secret recovery from undocumented answers', () => {
  it('new_secret as documented (a string), as a dictionary, or wrapped in result', () => {
    assert.equal(findNewSecret({ stat: 'ok', new_secret: 's1' }), 's1');
    assert.equal(findNewSecret({ stat: 'ok', new_secret: { secret: 's2' } }), 's2');
    assert.equal(findNewSecret({ stat: 'ok', new_secret: { client_secret: 's3', expires: 5 } }), 's3');
    assert.equal(
      findNewSecret({ stat: 'ok', new_secret: { whatever: 's4' } }),
      's4',
      'the only string in it',
    );
    assert.equal(findNewSecret({ stat: 'ok', result: { new_secret: 's5' } }), 's5');
  });

  it('finds nothing rather than guessing', () => {
    assert.equal(findNewSecret({ stat: 'ok' }), undefined);
    assert.equal(findNewSecret({ stat: 'ok', new_secret: '' }), undefined);
    assert.equal(findNewSecret({ stat: 'ok', new_secret: { a: 'x', b: 'y' } }), undefined, 'two candidates');
    assert.equal(findNewSecret({ stat: 'ok', new_secret: null }), undefined);
  });

  it('a created client wrapped in result, or with its secret as a dictionary', () => {
    assert.deepEqual(findCreatedClient({ stat: 'ok', result: { client_id: 'c', client_secret: 's' } }), {
      client_id: 'c',
      client_secret: 's',
    });
    assert.equal(
      findCreatedClient({ stat: 'ok', client_id: 'c', client_secret: { secret: 's' } })?.client_secret,
      's',
    );
    assert.equal(findCreatedClient({ stat: 'ok', client_id: 'c' }), undefined);
  });

  it('the client id wherever the answer put it', () => {
    assert.equal(findClientId({ stat: 'ok', client_id: 'c1' }), 'c1');
    assert.equal(findClientId({ stat: 'ok', result: { client_id: 'c2' } }), 'c2');
    assert.equal(findClientId({ stat: 'ok', _id: 'c3' }), 'c3');
    assert.equal(findClientId({ stat: 'ok' }), undefined);
  });

  it('describes a shape by field names only, never values', () => {
    const shape = describeShape({
      stat: 'ok',
      new_secret: { secret: 'TOP-SECRET-VALUE' },
      features: ['owner'],
      'we ird"key': 'x',
    });
    assert.equal(shape, 'stat, new_secret{secret}, features[], we?ird?key');
    assert.ok(!shape.includes('TOP-SECRET-VALUE'));
    assert.equal(describeShape({}), '(no fields)');
  });
});
