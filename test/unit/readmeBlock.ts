import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Checks that README.md holds `generated` between the `<!-- NAME:start: … -->` and
 * `<!-- NAME:end -->` markers; with UPDATE_README=1 it rewrites the block instead. The README's
 * generated tables (the failure matrix, the command arguments) are kept this one way.
 */
export function checkReadmeBlock(name: string, source: string, generated: string): void {
  const readme = path.join(__dirname, '..', '..', '..', 'README.md');
  const start = `<!-- ${name}:start: generated from ${source} -->`;
  const end = `<!-- ${name}:end -->`;
  const text = fs.readFileSync(readme, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  assert.ok(from >= 0 && to > from, `README.md has the ${start} … ${end} block`);
  const block = `${start}\n\n${generated}\n${end}`;
  if (process.env.UPDATE_README)
    fs.writeFileSync(readme, text.slice(0, from) + block + text.slice(to + end.length));
  else
    assert.equal(
      text.slice(from, to + end.length),
      block,
      'README.md is out of date: UPDATE_README=1 npm run test:unit',
    );
}
