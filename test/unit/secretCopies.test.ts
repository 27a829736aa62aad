import { strict as assert } from 'node:assert';
import { parse } from 'dotenv';
import { applyTextChanges, upsertEnv } from '../../src/env/envFile';
import { planSecretUpdate } from '../../src/env/secretCopies';

// The one way an env file's values change, as the writer, the quick fixes and the update of
// every copy after Reset Secret use it: the smallest changes, and for a rotation only the values
// that still hold the client with another secret.

const KEYS = {
  clientId: 'IDENTITY_CLOUD_CLIENT_ID',
  clientSecret: 'IDENTITY_CLOUD_CLIENT_SECRET',
  captureDomain: 'IDENTITY_CLOUD_CAPTURE_DOMAIN',
};
const ID = 'abcdefghijklmnopqrstuvwxyz012345';

describe('changing env values', () => {
  describe('upsertEnv changes', () => {
    it('replaces only the value, keeping the rest of the line and the lines around it out of the change', () => {
      const text = '# top\nexport IDENTITY_CLOUD_CLIENT_SECRET = old  # note\nA=1\n';
      const result = upsertEnv(text, [{ key: KEYS.clientSecret, value: 'new' }]);
      assert.deepEqual(result.changes, [
        { start: text.indexOf('old'), end: text.indexOf('old') + 3, insert: 'new' },
      ]);
      assert.equal(result.text, '# top\nexport IDENTITY_CLOUD_CLIENT_SECRET = new  # note\nA=1\n');
    });

    it('appends missing keys as one change at the end', () => {
      const text = 'A=1';
      const result = upsertEnv(text, [{ key: 'B', value: '2' }]);
      assert.deepEqual(result.changes, [{ start: 3, end: 3, insert: '\nB=2' }]);
      assert.equal(applyTextChanges(text, result.changes), 'A=1\nB=2');
    });

    it('makes no change when every value is already there', () => {
      assert.deepEqual(upsertEnv('A=1\n', [{ key: 'A', value: '1' }]).changes, []);
    });
  });

  describe('planSecretUpdate', () => {
    const file = (secret: string, extra = '') =>
      `${extra}${KEYS.clientId}=${ID}\n${KEYS.clientSecret}=${secret}\nCHECKOUT_CLIENT_ID=${ID}\nCHECKOUT_CLIENT_SECRET='${secret}'\n`;

    it('gives every set holding the client with another secret the new one, as changes of the secret values only', () => {
      const text = file('old');
      const plan = planSecretUpdate(text, KEYS, ID, 'new');
      assert.equal(plan.kind, 'update');
      if (plan.kind !== 'update') return;
      assert.deepEqual(plan.keys, [KEYS.clientSecret, 'CHECKOUT_CLIENT_SECRET']);
      assert.equal(plan.change.text, file('new'), 'each copy keeps its quotes');
      assert.equal(plan.change.changes.length, 2);
      assert.equal(applyTextChanges(text, plan.change.changes), plan.change.text);
    });

    it('writes a secret that needs quoting quoted, so dotenv reads it back exactly', () => {
      const secret = 'a#b c$d"e';
      const plan = planSecretUpdate(file('old'), KEYS, ID, secret);
      assert.equal(plan.kind, 'update');
      if (plan.kind !== 'update') return;
      assert.equal(parse(plan.change.text)[KEYS.clientSecret], secret);
      assert.equal(parse(plan.change.text).CHECKOUT_CLIENT_SECRET, secret);
    });

    it('finds nothing to do where the copies already hold the new secret, or another client', () => {
      assert.deepEqual(planSecretUpdate(file('new'), KEYS, ID, 'new'), { kind: 'none' });
      assert.deepEqual(planSecretUpdate(file('old'), KEYS, 'someoneelse', 'new'), { kind: 'none' });
      assert.deepEqual(planSecretUpdate(`${KEYS.clientId}=${ID}\n`, KEYS, ID, 'new'), { kind: 'none' });
    });

    it('given the secrets seen when it was offered, it leaves a value typed since as it is', () => {
      const typed = file('old').replace(`${KEYS.clientSecret}=old`, `${KEYS.clientSecret}=typed`);
      const plan = planSecretUpdate(typed, KEYS, ID, 'new', new Set(['old']));
      assert.equal(plan.kind, 'update');
      if (plan.kind !== 'update') return;
      assert.deepEqual(plan.keys, ['CHECKOUT_CLIENT_SECRET']);
      assert.equal(parse(plan.change.text)[KEYS.clientSecret], 'typed');
      assert.deepEqual(planSecretUpdate(typed.replace("'old'", 'x'), KEYS, ID, 'new', new Set(['old'])), {
        kind: 'none',
      });
    });

    it('computed again on text that moved, it replaces the value where it is now', () => {
      const moved = file('old', '# added while the offer waited\nPORT=1\n');
      const plan = planSecretUpdate(moved, KEYS, ID, 'new');
      assert.equal(plan.kind, 'update');
      if (plan.kind !== 'update') return;
      assert.ok(plan.change.text.startsWith('# added while the offer waited\nPORT=1\n'));
      assert.equal(parse(plan.change.text)[KEYS.clientSecret], 'new');
    });

    it('says when the new secret cannot be written so that dotenv reads it back', () => {
      // A `#` needs quotes, and it holds all three quote characters: no way to write it.
      const plan = planSecretUpdate(file('old'), KEYS, ID, `#a'b"c\`d`);
      assert.equal(plan.kind, 'cannotWrite');
      if (plan.kind === 'cannotWrite')
        assert.deepEqual(plan.keys, [KEYS.clientSecret, 'CHECKOUT_CLIENT_SECRET']);
    });
  });
});
