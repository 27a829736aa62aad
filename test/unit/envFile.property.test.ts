import { strict as assert } from 'node:assert';
import { parse } from 'dotenv';
import fc from 'fast-check';
import {
  EnvFileError,
  applyTextChanges,
  formatEnvValue,
  readEnvValues,
  renderEnvLines,
  upsertEnv,
  type EnvEntry,
} from '../../src/env/envFile';

// dotenv's own `parse` is the oracle: whatever file we start from, after an upsert dotenv must read
// our keys with the new values and every other key exactly as before.

// ---------------------------------------------------------------------------------------------
// Well-formed .env files, from dotenv's grammar

/** A small pool, so that files repeat keys and entries hit existing ones. */
const KEYS = ['A', 'B', 'KEY', 'KEY_2', 'api.url', 'x-y', '_Z', 'lower', 'export', 'CLIENT_SECRET'];
const keyArb = fc.constantFrom(...KEYS);
const blanks = fc.constantFrom('', ' ', '  ', '\t', ' \t');
const NL = '\n'; // stands for the file's line end inside generated lines

function textOf(chars: string, maxLength = 12) {
  return fc.string({ unit: fc.constantFrom(...chars), maxLength });
}

// Value bodies. `~` marks a line break inside a quoted value; it becomes the file's line end.
const bodyChars = 'abcXYZ019_-./:@=+$ \\#\'"`~';
const unquoted = textOf(bodyChars.replace('#', '').replace('~', ''))
  .map((s) => s.trim())
  .filter((s) => !/^['"`]/.test(s));
const quoted = (q: string) =>
  textOf(bodyChars.replace(q, ''))
    .filter((s) => !s.endsWith('\\'))
    .map((s) => q + s.replaceAll('~', NL) + q);
const valueText = fc.oneof(
  { weight: 4, arbitrary: unquoted },
  { weight: 2, arbitrary: quoted("'") },
  { weight: 2, arbitrary: quoted('"') },
  { weight: 1, arbitrary: quoted('`') },
);
const comment = textOf('abc KEY=1 #\'"`\\$').map((s) => '#' + s);
const trailer = fc.oneof(
  fc.constant(''),
  fc.tuple(blanks, comment).map(([b, c]) => ` ${b}${c}`),
);

const assignment = fc
  .record({
    indent: blanks,
    exported: fc.constantFrom('', '', 'export ', 'export\t'),
    key: keyArb,
    before: blanks,
    colon: fc.boolean(),
    after: blanks,
    value: valueText,
    trailer,
  })
  .map(({ indent, exported, key, before, colon, after, value, trailer }) =>
    colon && value !== ''
      ? `${indent}${exported}${key}: ${after}${value}${trailer}`
      : `${indent}${exported}${key}${before}=${after}${value}${trailer}`,
  );

const line = fc.oneof(
  { weight: 6, arbitrary: assignment },
  { weight: 1, arbitrary: blanks },
  { weight: 2, arbitrary: fc.tuple(blanks, comment).map(([b, c]) => b + c) },
  { weight: 1, arbitrary: textOf('abc ', 10).map((s) => 'just ' + s.trim()) }, // not an assignment
);

const envFile = fc
  .record({
    lines: fc.array(line, { maxLength: 12 }),
    eol: fc.constantFrom('\n', '\r\n'),
    mixed: fc.boolean(),
    finalNewline: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ lines, eol, mixed, finalNewline, bom }) => {
    const ends = lines.map((_, i) => (mixed && i % 3 === 1 ? '\n' : eol));
    let text = lines.map((l, i) => l.replaceAll(NL, eol) + ends[i]).join('');
    if (!finalNewline && text.endsWith(eol)) text = text.slice(0, -eol.length);
    return (bom ? '\uFEFF' : '') + text;
  });

// ---------------------------------------------------------------------------------------------
// Entries: any key dotenv accepts (mostly the pool), any value (some cannot be written at all)

const freshKey = fc
  .tuple(fc.constantFrom(...'ABCxyz_'), textOf('ABCxyz019_.-', 6))
  .map(([first, rest]) => first + rest);
const valueArb = fc.oneof(
  textOf(' \t\n\r#\'"`\\$=abcXYZ09é\u2028', 16),
  fc.constantFrom(
    '',
    'https://tenant.example.com/path?x=1&y=2',
    'AbC+/dEf123==',
    'p@ss word',
    'it\'s "quoted"',
  ),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const entryArb = fc.record({ key: fc.oneof({ weight: 3, arbitrary: keyArb }, freshKey), value: valueArb });
const entriesArb = fc.array(entryArb, { minLength: 1, maxLength: 4 });

function writable(value: string): boolean {
  try {
    formatEnvValue(value);
    return true;
  } catch (error) {
    assert.ok(error instanceof EnvFileError);
    return false;
  }
}

function overlay(text: string, entries: readonly EnvEntry[]): Record<string, string> {
  const expected: Record<string, string> = { ...parse(text) };
  for (const { key, value } of entries) expected[key] = value;
  return expected;
}

function asObject(values: Map<string, string>): Record<string, string> {
  return Object.fromEntries(values);
}

describe('envFile properties (dotenv as the oracle)', () => {
  it('upsertEnv: dotenv reads the new values and every other key as before; a second run changes nothing', function () {
    this.timeout(120_000);
    let unwritable = 0;
    fc.assert(
      fc.property(envFile, entriesArb, (text, entries) => {
        const before = parse(text);
        assert.deepStrictEqual(
          asObject(readEnvValues(text)),
          { ...before },
          'we read the file as dotenv does',
        );

        // The last entry for a key wins.
        const last = new Map(entries.map((e) => [e.key, e.value]));
        if (![...last.values()].every(writable)) {
          unwritable++;
          assert.throws(() => upsertEnv(text, entries), EnvFileError);
          return;
        }
        const result = upsertEnv(text, entries);
        assert.deepStrictEqual(parse(result.text), overlay(text, entries));
        assertSmallestChanges(text, result);

        for (const [key, value] of last) {
          const old = before[key];
          const bucket = old === value ? result.unchanged : old ? result.replaced : result.added;
          assert.ok(bucket.includes(key), `${key} classified`);
        }
        assert.equal(result.replaced.length + result.added.length + result.unchanged.length, last.size);
        if (result.replaced.length + result.added.length === 0) assert.equal(result.text, text);
        if (text.startsWith('\uFEFF')) assert.ok(result.text.startsWith('\uFEFF'));
        // Nothing assigned a key we write: the old text is kept as it is, lines are only added.
        if (![...last.keys()].some((key) => Object.hasOwn(before, key))) {
          assert.equal(result.text.slice(0, text.length), text);
        }

        const again = upsertEnv(result.text, entries);
        assert.equal(again.text, result.text);
        assert.deepEqual(again.unchanged.sort(), [...last.keys()].sort());
      }),
      { numRuns: 10_000 },
    );
    assert.ok(unwritable < 2_000, `too few writable values: ${unwritable} of 10000 runs had one`);
  });

  // Arbitrary text over dotenv's special characters: open quotes, escaped quotes, `KEY:`, lone CRs...
  const junk = fc
    .array(
      fc.constantFrom(
        ...['A', 'B', 'k', '=', ':', ' ', '\t', '\n', '\r\n', '\r', '#', '"', "'", '`', '\\'],
        ...['export ', 'n', 'x', '\u2028', '\uFEFF', '.', '-', '\\n', '\\"', "\\'", 'A=', 'B=', ': '],
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));

  it('readEnvValues matches dotenv.parse on arbitrary text', () => {
    fc.assert(
      fc.property(junk, (text) => {
        assert.deepStrictEqual(asObject(readEnvValues(text)), { ...parse(text) });
      }),
      { numRuns: 5_000 },
    );
  });

  it('upsertEnv on arbitrary text either refuses or is right', () => {
    const junkEntries = fc.array(fc.record({ key: fc.constantFrom('A', 'B', 'k', 'NEW'), value: valueArb }), {
      minLength: 1,
      maxLength: 3,
    });
    let refused = 0;
    fc.assert(
      fc.property(junk, junkEntries, (text, entries) => {
        let result;
        try {
          result = upsertEnv(text, entries);
        } catch (error) {
          assert.ok(error instanceof EnvFileError);
          refused++;
          return;
        }
        assert.deepStrictEqual(parse(result.text), overlay(text, entries));
        assertSmallestChanges(text, result);
        assert.equal(upsertEnv(result.text, entries).text, result.text);
      }),
      { numRuns: 3_000 },
    );
    assert.ok(refused < 1_500, `refused ${refused} of 3000`);
  });

  it('formatEnvValue: dotenv reads back exactly what was written, whatever surrounds it', () => {
    fc.assert(
      fc.property(
        valueArb,
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('', ' # note'),
        (value, eol, note) => {
          if (!writable(value)) return;
          const written = formatEnvValue(value);
          const text = `BEFORE=1${eol}K=${written}${note}${eol}AFTER=2${eol}`;
          assert.deepStrictEqual(parse(text), { BEFORE: '1', K: value, AFTER: '2' });
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('renderEnvLines: dotenv reads the lines back', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entryArb, { selector: (e) => e.key, maxLength: 4 }), (entries) => {
        fc.pre(entries.every((e) => writable(e.value)));
        assert.deepStrictEqual(
          parse(renderEnvLines(entries)),
          Object.fromEntries(entries.map((e) => [e.key, e.value])),
        );
      }),
      { numRuns: 2_000 },
    );
  });
});

/**
 * The changes an open editor gets make the same text as the whole new text, in order and not
 * overlapping; no change at all when the text stays the same.
 */
function assertSmallestChanges(text: string, result: ReturnType<typeof upsertEnv>): void {
  assert.equal(applyTextChanges(text, result.changes), result.text);
  let end = 0;
  for (const change of result.changes) {
    assert.ok(change.start >= end && change.end >= change.start, 'in order, not overlapping');
    end = change.end;
  }
  if (result.text === text) assert.deepEqual(result.changes, []);
}
