import { strict as assert } from 'node:assert';
import { parse } from 'dotenv';
import {
  EnvFileError,
  formatEnvValue,
  isValidEnvKey,
  readEnvValues,
  renderEnvLines,
  upsertEnv,
  type EnvEntry,
  type UpsertResult,
} from '../../src/env/envFile';

// Every upsert here is also checked against dotenv itself: the keys we wrote read back as written,
// every other key reads as it did before.

function overlay(text: string, entries: readonly EnvEntry[]): Record<string, string> {
  const expected: Record<string, string> = { ...parse(text) };
  for (const { key, value } of entries) expected[key] = value;
  return expected;
}

function upsert(text: string, entries: readonly EnvEntry[]): UpsertResult {
  const result = upsertEnv(text, entries);
  assert.deepStrictEqual(parse(result.text), overlay(text, entries), 'dotenv reads the result as intended');
  assert.equal(upsertEnv(result.text, entries).text, result.text, 'a second upsert changes nothing');
  return result;
}

const e = (key: string, value: string): EnvEntry => ({ key, value });

interface Case {
  name: string;
  text: string;
  entries: EnvEntry[];
  want: string;
  replaced?: string[];
  added?: string[];
  unchanged?: string[];
}

const cases: Case[] = [
  // Empty files and line ends
  {
    name: 'empty file',
    text: '',
    entries: [e('A', '1'), e('B', 'two words')],
    want: "A=1\nB='two words'\n",
    added: ['A', 'B'],
  },
  {
    name: 'LF file: appended with LF',
    text: 'X=1\nY=2\n',
    entries: [e('A', '1')],
    want: 'X=1\nY=2\nA=1\n',
    added: ['A'],
  },
  {
    name: 'CRLF file: replaced in place, appended with CRLF',
    text: 'X=1\r\nY=2\r\n',
    entries: [e('A', '1'), e('Y', '3')],
    want: 'X=1\r\nY=3\r\nA=1\r\n',
    replaced: ['Y'],
    added: ['A'],
  },
  {
    name: 'mostly CRLF wins over one LF',
    text: 'X=1\r\nY=2\r\nZ=3\n',
    entries: [e('A', '1')],
    want: 'X=1\r\nY=2\r\nZ=3\nA=1\r\n',
  },
  {
    name: 'no final newline: separator added, none at the end',
    text: 'X=1\nY=2',
    entries: [e('A', '1')],
    want: 'X=1\nY=2\nA=1',
  },
  {
    name: 'no final newline, several new lines',
    text: 'X=1',
    entries: [e('A', '1'), e('B', '2')],
    want: 'X=1\nA=1\nB=2',
  },
  { name: 'no final newline, CRLF', text: 'X=1\r\nY=2', entries: [e('A', '1')], want: 'X=1\r\nY=2\r\nA=1' },
  {
    name: 'no final newline, last line replaced',
    text: 'X=1\nY=2',
    entries: [e('Y', '3')],
    want: 'X=1\nY=3',
  },
  { name: 'only blank lines', text: '\n\n', entries: [e('A', '1')], want: '\n\nA=1\n' },
  { name: 'lone CR line ends', text: 'X=1\rY=2\r', entries: [e('A', '1')], want: 'X=1\rY=2\rA=1\r' },

  // Comments, blank lines, layout
  {
    name: 'comments and blank lines kept, inline comment kept',
    text: '# header\n\nX=1 # inline\n\n  # indented\nY=2\n',
    entries: [e('X', 'new value'), e('Z', 'z')],
    want: "# header\n\nX='new value' # inline\n\n  # indented\nY=2\nZ=z\n",
  },
  {
    name: 'commented-out key is not a key',
    text: '# KEY=old\n',
    entries: [e('KEY', 'v')],
    want: '# KEY=old\nKEY=v\n',
    added: ['KEY'],
  },
  { name: 'spacing around = kept', text: 'KEY = old\n', entries: [e('KEY', 'new')], want: 'KEY = new\n' },
  {
    name: 'spacing and comment kept',
    text: 'KEY=  old   # note\n',
    entries: [e('KEY', 'new')],
    want: 'KEY=  new   # note\n',
  },
  { name: 'indented key', text: '  KEY=old\n', entries: [e('KEY', 'new')], want: '  KEY=new\n' },
  {
    name: 'empty value filled',
    text: 'KEY=\nB=1\n',
    entries: [e('KEY', 'x')],
    want: 'KEY=x\nB=1\n',
    added: ['KEY'],
  },
  {
    name: 'empty value after "= " filled after the blank',
    text: 'KEY = \n',
    entries: [e('KEY', 'x')],
    want: 'KEY = x\n',
  },
  {
    name: 'empty value with comment',
    text: 'KEY= # fill me\n',
    entries: [e('KEY', 'x')],
    want: 'KEY=x # fill me\n',
  },
  {
    name: 'empty quoted value',
    text: 'KEY=""\n',
    entries: [e('KEY', 'x')],
    want: 'KEY="x"\n',
    added: ['KEY'],
  },
  {
    name: 'KEY: value syntax',
    text: 'KEY: old\nB: 2\n',
    entries: [e('KEY', 'new')],
    want: 'KEY: new\nB: 2\n',
  },
  {
    name: 'junk lines kept',
    text: 'this is not an assignment\nKEY=old\n',
    entries: [e('KEY', 'new')],
    want: 'this is not an assignment\nKEY=new\n',
  },

  // export
  {
    name: 'export prefix kept',
    text: 'export KEY=old\nB=1\n',
    entries: [e('KEY', 'new')],
    want: 'export KEY=new\nB=1\n',
    replaced: ['KEY'],
  },
  {
    name: 'new lines use export when every line does',
    text: 'export KEY=old\nexport B=1\n',
    entries: [e('NEW', 'x')],
    want: 'export KEY=old\nexport B=1\nexport NEW=x\n',
  },
  {
    name: 'mixed export: new lines without',
    text: 'export KEY=old\nB=1\n',
    entries: [e('NEW', 'x')],
    want: 'export KEY=old\nB=1\nNEW=x\n',
  },

  // Repeated keys
  {
    name: 'repeated key: every assignment rewritten, nothing added',
    text: 'KEY=a\nOTHER=1\nKEY=b\n',
    entries: [e('KEY', 'c')],
    want: 'KEY=c\nOTHER=1\nKEY=c\n',
    replaced: ['KEY'],
  },
  {
    name: 'repeated key already right where dotenv looks: unchanged',
    text: 'KEY=old\nKEY=new\n',
    entries: [e('KEY', 'new')],
    want: 'KEY=old\nKEY=new\n',
    unchanged: ['KEY'],
  },
  {
    name: 'same key twice in entries: the last wins',
    text: '',
    entries: [e('KEY', '1'), e('KEY', '2')],
    want: 'KEY=2\n',
  },

  // Multi-line values
  {
    name: 'key inside a multi-line double-quoted value is not a key',
    text: 'CERT="line1\nKEY=inside\nline3"\nKEY=real\n',
    entries: [e('KEY', 'new')],
    want: 'CERT="line1\nKEY=inside\nline3"\nKEY=new\n',
  },
  {
    name: 'key only inside a multi-line single-quoted value: appended',
    text: "CERT='a\nKEY=inside\n'\n",
    entries: [e('KEY', 'x')],
    want: "CERT='a\nKEY=inside\n'\nKEY=x\n",
    added: ['KEY'],
  },
  {
    name: 'multi-line value replaced as a whole',
    text: 'KEY="a\r\nb"\r\nNEXT=1\r\n',
    entries: [e('KEY', 'plain')],
    want: 'KEY="plain"\r\nNEXT=1\r\n',
  },
  {
    name: 'multi-line value written with \\n escapes',
    text: 'A=1\n',
    entries: [e('PEM', '-----BEGIN-----\nabc\n-----END-----')],
    want: 'A=1\nPEM="-----BEGIN-----\\nabc\\n-----END-----"\n',
  },
  {
    name: 'a value dotenv takes from the next line is rewritten onto the key line',
    text: 'EMPTY=\n"taken"\nB=1\n',
    entries: [e('EMPTY', 'x')],
    want: 'EMPTY=x\nB=1\n',
  },

  // Quoting
  {
    name: 'values needing quotes',
    text: '',
    entries: [
      e('SPACE', ' padded '),
      e('HASH', 'a#b'),
      e('SQ', "it's"),
      e('DQ', 'say "hi"'),
      e('BS', 'C:\\dir\\file'),
      e('NL', 'a\nb'),
      e('DOLLAR', 'pa$$word'),
    ],
    want: `SPACE=' padded '\nHASH='a#b'\nSQ="it's"\nDQ='say "hi"'\nBS='C:\\dir\\file'\nNL="a\\nb"\nDOLLAR='pa$$word'\n`,
  },
  // A value the user quoted keeps its quote when that quote can hold the new value.
  {
    name: 'old single-quoted, new plain',
    text: "KEY='a b'\n",
    entries: [e('KEY', 'ab')],
    want: "KEY='ab'\n",
  },
  {
    name: 'old double-quoted, new plain',
    text: 'KEY="ab" # c\n',
    entries: [e('KEY', 'cd')],
    want: 'KEY="cd" # c\n',
  },
  {
    name: 'old backtick-quoted, new plain',
    text: 'KEY=`ab`\n',
    entries: [e('KEY', 'c d')],
    want: 'KEY=`c d`\n',
  },
  {
    name: 'old quote cannot hold the new value',
    text: "KEY='ab'\n",
    entries: [e('KEY', "it's")],
    want: 'KEY="it\'s"\n',
  },
  {
    name: 'double quotes are kept only when nothing in the value would expand there',
    text: 'A="x"\nB="y"\n',
    entries: [e('A', 'pa$$word'), e('B', 'C:\\dir')],
    want: "A='pa$$word'\nB='C:\\dir'\n",
  },
  {
    name: 'after open quotes, kept quotes are still checked against how dotenv reads the lines before',
    text: 'A=\'x\nB=`y\nKEY="old"\nKEY=old2\n',
    entries: [e('KEY', 'a #b')],
    want: "A='x\nB=`y\nKEY=\"a #b\"\nKEY='a #b'\n",
  },
  {
    name: 'a multi-line value is written on one line, whatever the old quote',
    text: "KEY='old'\n",
    entries: [e('KEY', 'a\nb')],
    want: 'KEY="a\\nb"\n',
  },
  {
    name: 'each copy keeps its own quote',
    text: 'KEY="a"\nexport KEY=b\n',
    entries: [e('KEY', 'c')],
    want: 'KEY="c"\nexport KEY=c\n',
  },
  { name: 'old bare, new quoted', text: 'KEY=ab # c\n', entries: [e('KEY', 'a b')], want: "KEY='a b' # c\n" },

  // BOM
  {
    name: 'BOM kept on replace',
    text: '\uFEFFKEY=old\n',
    entries: [e('KEY', 'new')],
    want: '\uFEFFKEY=new\n',
  },
  { name: 'BOM kept on append', text: '\uFEFF# c\n', entries: [e('A', '1')], want: '\uFEFF# c\nA=1\n' },
  { name: 'BOM-only file', text: '\uFEFF', entries: [e('A', '1')], want: '\uFEFFA=1\n' },

  // Unchanged
  {
    name: 'same value: unchanged',
    text: 'KEY=same\n',
    entries: [e('KEY', 'same')],
    want: 'KEY=same\n',
    unchanged: ['KEY'],
  },
  {
    name: 'same value written differently: left as it is',
    text: 'A="x"\nB=\'a b\'\n',
    entries: [e('A', 'x'), e('B', 'a b')],
    want: 'A="x"\nB=\'a b\'\n',
    unchanged: ['A', 'B'],
  },
  {
    name: 'mixed outcome',
    text: 'A=1\nB=\nC=3\n',
    entries: [e('A', '1'), e('B', '2'), e('C', '4'), e('D', '5')],
    want: 'A=1\nB=2\nC=4\nD=5\n',
    replaced: ['C'],
    added: ['B', 'D'],
    unchanged: ['A'],
  },

  // Files with an open quote: the preferred form would be swallowed, another one is used
  {
    name: 'open quote earlier: another quote is used',
    text: "A='open\n",
    entries: [e('K', '#x')],
    want: 'A=\'open\nK="#x"\n',
  },
  {
    name: 'last "KEY:" would take the next line: a blank line keeps it empty',
    text: 'A=1\nK:\n',
    entries: [e('N', '1')],
    want: 'A=1\nK:\n\nN=1\n',
  },
];

describe('envFile', () => {
  describe('upsertEnv', () => {
    for (const c of cases) {
      it(c.name, () => {
        const result = upsert(c.text, c.entries);
        assert.equal(result.text, c.want);
        if (c.replaced) assert.deepEqual(result.replaced, c.replaced);
        if (c.added) assert.deepEqual(result.added, c.added);
        if (c.unchanged) assert.deepEqual(result.unchanged, c.unchanged);
        if (result.text === c.text) assert.equal(result.replaced.length + result.added.length, 0);
      });
    }

    it('leaves every other byte alone', () => {
      const before =
        '\t# odd\t layout \r\n  export   A =\t1  \r\nB:  two # c\r\n\r\nKEY = "old"\t# keep me\r\nZ=\'z\'';
      const result = upsert(before, [e('KEY', 'new value')]);
      assert.equal(result.text, before.replace('"old"', '"new value"'));
      assert.deepEqual(result.replaced, ['KEY']);
    });

    it('returns the very same text when nothing changes', () => {
      const text = 'A=1\nB=2\n';
      const result = upsertEnv(text, [e('A', '1')]);
      assert.equal(result.text, text);
      assert.deepEqual(result, { text, replaced: [], added: [], unchanged: ['A'], changes: [] });
    });

    it('rejects invalid keys', () => {
      for (const key of ['', '1ABC', 'WITH SPACE', 'A=B', '__proto__', 'É']) {
        assert.throws(() => upsertEnv('', [e(key, 'x')]), EnvFileError, key);
      }
    });

    it('rejects values dotenv cannot read back, without naming the value', () => {
      for (const value of [' needs quotes\\', 'line\nwith \' " and `']) {
        assert.throws(
          () => upsertEnv('', [e('K', value)]),
          (err: unknown) => err instanceof EnvFileError && !err.message.includes(value),
        );
      }
    });

    it('refuses a file where any write would change how other lines read', () => {
      // dotenv reads a last `KEY:` without a line end as no assignment; anything after it makes one.
      assert.throws(() => upsertEnv('A=1\nKEY:', [e('NEW', '1')]), EnvFileError);
    });

    // How fast these run is measured by npm run bench, never asserted in a test.
    it('upserts into a 10,000-line file', function () {
      this.timeout(60_000);
      const lines: string[] = [];
      for (let i = 0; i < 10_000; i++) {
        if (i % 10 === 0) lines.push(`# section ${i}`);
        else if (i % 7 === 0) lines.push(`export KEY_${i}="multi\nline ${i}"`);
        else lines.push(`KEY_${i}=value_${i}`);
      }
      const text = lines.join('\n') + '\n';
      const entries = [e('KEY_5001', 'new value'), e('KEY_21', 'x'), e('FRESH', 'y')];
      const result = upsert(text, entries);
      assert.ok(result.text.includes("\nKEY_5001='new value'\n"));
      assert.ok(result.text.endsWith('\nFRESH=y\n'));
      assert.deepEqual(result.replaced, ['KEY_5001', 'KEY_21']);
    });

    it('handles a 5 MB file', function () {
      this.timeout(60_000);
      const block = 'SOME_KEY="a value with spaces # and a hash"\n# a comment line\nexport PLAIN=abcdef\n\n';
      const text = block.repeat(Math.ceil(5_000_000 / block.length)) + 'LAST=1';
      const entries = [e('PLAIN', 'new'), e('FRESH', 'x')];
      const result = upsertEnv(text, entries);
      assert.equal(result.text, text.replaceAll('PLAIN=abcdef', 'PLAIN=new') + '\nFRESH=x');
      assert.deepEqual(result.replaced, ['PLAIN']);
    });

    it('appends to a 5 MB file full of open quotes without breaking them', function () {
      this.timeout(60_000);
      const text = 'K="never closed\n'.repeat(300_000) + "Q='\\'\\'\\'\n".repeat(30_000);
      const result = upsertEnv(text, [e('NEW', 'x')]);
      assert.deepEqual(result.added, ['NEW']);
      assert.ok(result.text.startsWith(text));
      assert.equal(parse(result.text).NEW, 'x');
    });
  });

  describe('formatEnvValue', () => {
    const table: [string, string][] = [
      ['', ''],
      ['abc', 'abc'],
      ['https://x.example/a?b=c&d=e', 'https://x.example/a?b=c&d=e'],
      ['AbC+/dEf==', 'AbC+/dEf=='],
      ['a b', "'a b'"],
      [' lead', "' lead'"],
      ['trail ', "'trail '"],
      ['a#b', "'a#b'"],
      ['#', "'#'"],
      ["it's", `"it's"`],
      ['say "hi"', `'say "hi"'`],
      ['"quoted"', `'"quoted"'`],
      [`both ' and "`, '`both \' and "`'],
      ['C:\\path', "'C:\\path'"],
      ['ends\\', 'ends\\'],
      ['a b\\', 'a b\\'],
      ['line1\nline2', '"line1\\nline2"'],
      ['a\r\nb', '"a\\r\\nb"'],
      ['x\\n\ny', "'x\\n\ny'"],
      ['cost $5', "'cost $5'"],
      ['$HOME', "'$HOME'"],
      ['tab\there', "'tab\there'"],
      [`all'three"quotes\``, `all'three"quotes\``],
      ['ünïcødé', 'ünïcødé'],
    ];
    for (const [value, written] of table) {
      it(`${JSON.stringify(value)} → ${written}`, () => {
        assert.equal(formatEnvValue(value), written);
        assert.equal(parse(`K=${written}\nNEXT=1`).K, value, 'dotenv reads it back');
        assert.equal(parse(`K=${written}\r\nNEXT=1`).NEXT, '1');
      });
    }

    it('throws for values dotenv cannot read back', () => {
      for (const value of [' x\\', '# x\\', '\r\\n\n"\'`', 'line\nwith \' " and `']) {
        assert.throws(() => formatEnvValue(value), EnvFileError, JSON.stringify(value));
      }
    });
  });

  describe('readEnvValues', () => {
    const texts = [
      ...cases.map((c) => c.text),
      'A=1\nA=2',
      'export A=1\nexport\tB = "2" # c',
      'K:\nNEXT=1',
      'K="a\\nb"\nS=\'a\\nb\'\nB=`x`',
      'K="open\nL=1\nM="x"',
      'K="a\\"\nX="1"',
      "K='a'b'",
      '__proto__=x\nconstructor=y',
      '\uFEFF  K  =  v  ',
      'K=a\u2028X=1\nL=v#c\u2028Y=2',
    ];
    for (const text of texts) {
      it(`reads ${JSON.stringify(text).slice(0, 60)} as dotenv does`, () => {
        assert.deepStrictEqual(Object.fromEntries(readEnvValues(text)), { ...parse(text) });
      });
    }
  });

  describe('renderEnvLines', () => {
    it('renders KEY=value lines, each ended', () => {
      const entries = [e('A', '1'), e('B', 'x y'), e('C', 'a\nb')];
      assert.equal(renderEnvLines(entries), 'A=1\nB=\'x y\'\nC="a\\nb"\n');
      assert.equal(renderEnvLines(entries, '\r\n'), 'A=1\r\nB=\'x y\'\r\nC="a\\nb"\r\n');
      assert.deepStrictEqual(parse(renderEnvLines(entries)), { A: '1', B: 'x y', C: 'a\nb' });
      assert.equal(renderEnvLines([]), '');
    });

    it('rejects invalid keys', () => {
      assert.throws(() => renderEnvLines([e('NO SPACES', 'x')]), EnvFileError);
    });
  });

  describe('isValidEnvKey', () => {
    for (const key of ['A', 'a', '_', 'CLIENT_ID', 'api.url', 'x-y', 'A1']) {
      it(`accepts ${key}`, () => assert.equal(isValidEnvKey(key), true));
    }
    for (const key of ['', '1A', '.a', '-a', 'A B', 'A=B', 'A#', 'É', '__proto__', 'A\n']) {
      it(`rejects ${JSON.stringify(key)}`, () => assert.equal(isValidEnvKey(key), false));
    }
  });
});
