/**
 * Reads and edits `.env` text exactly the way the `dotenv` package's `parse` reads it, so that a
 * key we write is a key dotenv sees, and every line we did not mean to touch stays byte for byte.
 *
 * The scanner below is a linear re-implementation of dotenv 18's `parse` (its line regex), with its
 * corners: `export ` prefixes, `KEY: value`, quoted values that span lines (a `KEY=` inside one is
 * not a key), `\r\n` and lone `\r` line ends, a BOM (whitespace to dotenv), and which closing quote
 * dotenv settles on when a quote is escaped or left open. `upsertEnv` re-reads its own output and
 * refuses (throws {@link EnvFileError}) rather than hand back text dotenv would read differently.
 *
 * Writing a value (see {@link formatEnvValue}):
 * - bare, `KEY=value`, when it has no whitespace, no control character and none of
 *   `#`, `'`, `"`, backtick, `$`, backslash (and the empty value: `KEY=`);
 * - otherwise in single quotes, which dotenv (and shells, and Docker Compose) take literally;
 * - a value with a line break: in double quotes, line breaks written as `\n` / `\r`;
 * - when that quote cannot hold the value, the next of single, double, backtick that can, and
 *   last bare if dotenv reads it back (a value holding all three quote characters).
 * dotenv does not expand `$`; it is quoted anyway so that shells and Compose leave it alone
 * (dotenv-expand expands `$VAR` whatever the quotes). A few values cannot be written so that dotenv
 * reads them back, such as one that needs quotes and ends with a backslash (the closing quote
 * would not close), or one with a line break and all three quote characters; those throw.
 *
 * Line ends: new lines use the file's dominant line end (`\n` when it has none). Appending to a
 * file that ends with a line end gives each new line its own line end; appending to a file whose
 * last line has none adds one line end before the new lines and leaves the last new line without
 * one, as the file was; an empty file (or one holding only a BOM) gets the new lines, each ended.
 */

export interface EnvEntry {
  key: string;
  value: string;
}

export interface UpsertResult {
  /** The new text; the same string when nothing had to change. */
  text: string;
  /** Keys that held a different, non-empty value (the caller may want to ask first). */
  replaced: string[];
  /** Keys that were missing or empty. */
  added: string[];
  /** Keys that already held exactly this value; they are not touched. */
  unchanged: string[];
}

/** A key dotenv would not accept, a value it cannot read back, or a file that cannot be edited safely. */
export class EnvFileError extends Error {
  override readonly name = 'EnvFileError';
}

// ---------------------------------------------------------------------------------------------
// Characters

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const SQUOTE = 39;
const EQUALS = 61;
const COLON = 58;
const BACKSLASH = 92;
const BACKTICK = 96;

/** JavaScript's `\s` (and what `String.prototype.trim` removes), which is what dotenv skips. */
function isWs(c: number): boolean {
  return c <= 32
    ? c === SPACE || (c >= TAB && c <= CR)
    : c >= 160 &&
        (c === 160 ||
          c === 0x1680 ||
          (c >= 0x2000 && c <= 0x200a) ||
          c === 0x2028 ||
          c === 0x2029 ||
          c === 0x202f ||
          c === 0x205f ||
          c === 0x3000 ||
          c === 0xfeff);
}

/** A line terminator for `^`, `$` and `.` in a JavaScript regex. */
function isTerm(c: number): boolean {
  return c === LF || c === CR || c === 0x2028 || c === 0x2029;
}

/** `[\w.-]`: what dotenv accepts in a key. */
function isKeyChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45
  );
}

function isQuote(c: number): boolean {
  return c === SQUOTE || c === DQUOTE || c === BACKTICK;
}

function skipWs(t: string, i: number): number {
  while (i < t.length && isWs(t.charCodeAt(i))) i++;
  return i;
}

/** The index just past the first line end at or after `i` (`\r\n` counts as one), or the length. */
function nextLineStart(t: string, i: number): number {
  while (i < t.length && !isTerm(t.charCodeAt(i))) i++;
  if (i >= t.length) return t.length;
  return t.charCodeAt(i) === CR && t.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
}

function hasTerm(t: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isTerm(t.charCodeAt(i))) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** One assignment as dotenv reads it, by position (key and value are sliced out on demand). */
interface Assignment {
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly exported: boolean;
  /** What dotenv decodes into the value: trimmed, quotes included. */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** What a new value replaces: the old value, or where it goes when there is none. */
  readonly start: number;
  readonly end: number;
  /** Where the assignment's own text ends; the next one starts on a later line. */
  readonly resume: number;
}

function keyOf(t: string, a: Assignment): string {
  return t.slice(a.keyStart, a.keyEnd);
}

function valueOf(t: string, a: Assignment): string {
  return a.valueStart === a.valueEnd ? '' : decode(t.slice(a.valueStart, a.valueEnd));
}

/** Positions of one quote character, split by whether a backslash precedes them. */
interface QuotePositions {
  readonly plain: number[];
  readonly escaped: number[];
}

/** Index of the first element of sorted `a` greater than `x` (a.length if none). */
function firstAbove(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class Scanner {
  private readonly quotes = new Map<number, QuotePositions>();

  constructor(private readonly t: string) {}

  /** Calls `visit` with each assignment in order, until it returns false. */
  scan(visit: (a: Assignment) => boolean): void {
    const t = this.t;
    let pos = 0;
    while (pos < t.length) {
      const k = skipWs(t, pos);
      if (k >= t.length) break;
      const a = this.assignmentAt(k);
      if (a && !visit(a)) return;
      pos = nextLineStart(t, a ? a.resume : k);
    }
  }

  /** dotenv's `\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)…` at the first non-space `k`. */
  private assignmentAt(k: number): Assignment | undefined {
    const t = this.t;
    if (t.charCodeAt(k) === 101 /* e */ && t.startsWith('export', k) && isWs(t.charCodeAt(k + 6))) {
      const a = this.keyAt(skipWs(t, k + 6), true);
      if (a) return a;
    }
    return this.keyAt(k, false);
  }

  private keyAt(k: number, exported: boolean): Assignment | undefined {
    const t = this.t;
    let i = k;
    while (i < t.length && isKeyChar(t.charCodeAt(i))) i++;
    if (i === k) return undefined;
    const s = skipWs(t, i);
    if (t.charCodeAt(s) === EQUALS) return this.valueAt(k, i, exported, s + 1, isWs(t.charCodeAt(s - 1)));
    if (t.charCodeAt(i) === COLON && isWs(t.charCodeAt(i + 1))) {
      // `:\s+?` takes one whitespace character; `\r\n` is one (dotenv turns it into `\n` first).
      const e = t.charCodeAt(i + 1) === CR && t.charCodeAt(i + 2) === LF ? i + 3 : i + 2;
      return this.valueAt(k, i, exported, e, false);
    }
    return undefined;
  }

  /** The value after the separator, which ends at `e`. */
  private valueAt(
    keyStart: number,
    keyEnd: number,
    exported: boolean,
    e: number,
    spaceBeforeEquals: boolean,
  ): Assignment {
    const t = this.t;
    const n = t.length;
    const f = skipWs(t, e);
    if (f < n && isQuote(t.charCodeAt(f))) {
      const close = this.closingQuote(f);
      if (close >= 0) {
        // A value that starts on a later line than its key is rewritten from the separator on,
        // so that a plain replacement does not end up on a line of its own.
        const start = hasTerm(t, e, f) ? e : f;
        const end = close + 1;
        return { keyStart, keyEnd, exported, valueStart: f, valueEnd: end, start, end, resume: end };
      }
    }
    let d = e;
    for (; d < n; d++) {
      const c = t.charCodeAt(d);
      if (c === HASH || c === LF || c === CR) break;
    }
    let a = e;
    while (a < d && isWs(t.charCodeAt(a))) a++;
    let b = d;
    while (b > a && isWs(t.charCodeAt(b - 1))) b--;
    if (a < b) return { keyStart, keyEnd, exported, valueStart: a, valueEnd: b, start: a, end: b, resume: d };
    // Empty: a new value goes right after `=`, or after one blank when written `KEY = `.
    const c = t.charCodeAt(e);
    const at = spaceBeforeEquals && (c === SPACE || c === TAB) ? e + 1 : e;
    return { keyStart, keyEnd, exported, valueStart: at, valueEnd: at, start: at, end: at, resume: d };
  }

  /**
   * Where dotenv's `\s*'(?:\\'|[^'])*'` (and its `"` and `` ` `` twins) followed by
   * `\s*(?:#.*)?$` closes the quote opened at `f`, or -1 when it does not. The regex tries the
   * first quote not preceded by a backslash, then backslash-preceded ones before it, last first.
   */
  private closingQuote(f: number): number {
    const q = this.positions(this.t.charCodeAt(f));
    const u = firstAbove(q.plain, f);
    const plain = u < q.plain.length ? q.plain[u] : -1;
    if (plain >= 0 && this.endsLine(plain)) return plain;
    const limit = plain >= 0 ? plain : this.t.length;
    for (let i = firstAbove(q.escaped, limit - 1) - 1; i >= 0 && q.escaped[i] > f; i--) {
      if (this.endsLine(q.escaped[i])) return q.escaped[i];
    }
    return -1;
  }

  /** Whether only blanks, then a comment, the end of a line or of the text, follow index `p`. */
  private endsLine(p: number): boolean {
    const t = this.t;
    for (let w = p + 1; w < t.length; w++) {
      const c = t.charCodeAt(w);
      if (isTerm(c)) return true;
      if (!isWs(c)) return c === HASH;
    }
    return true;
  }

  private positions(quote: number): QuotePositions {
    let q = this.quotes.get(quote);
    if (!q) {
      const t = this.t;
      const ch = String.fromCharCode(quote);
      q = { plain: [], escaped: [] };
      for (let i = t.indexOf(ch); i >= 0; i = t.indexOf(ch, i + 1)) {
        (t.charCodeAt(i - 1) === BACKSLASH ? q.escaped : q.plain).push(i);
      }
      this.quotes.set(quote, q);
    }
    return q;
  }
}

/** dotenv's treatment of the matched value: trim, drop matching outer quotes, `\n` `\r` in `"`. */
function decode(raw: string): string {
  let v = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  v = v.trim();
  const first = v.charCodeAt(0);
  v = stripQuotes(v);
  if (first === DQUOTE && v.includes('\\')) v = v.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  return v;
}

/**
 * `v.replace(/^(['"`])([\s\S]*)\1$/gm, '$2')` in linear time. With the `m` flag a quote that
 * opens a line inside the value pairs with the last same quote that ends a line.
 */
function stripQuotes(v: string): string {
  const n = v.length;
  if (n < 2) return v;
  if (!hasTerm(v, 0, n)) {
    const c = v.charCodeAt(0);
    return isQuote(c) && v.charCodeAt(n - 1) === c ? v.slice(1, -1) : v;
  }
  const lastEnd = new Map<number, number>();
  const endOf = (quote: number): number => {
    let e = lastEnd.get(quote);
    if (e === undefined) {
      const ch = String.fromCharCode(quote);
      e = v.lastIndexOf(ch);
      while (e >= 0 && e + 1 < n && !isTerm(v.charCodeAt(e + 1))) e = e === 0 ? -1 : v.lastIndexOf(ch, e - 1);
      lastEnd.set(quote, e);
    }
    return e;
  };
  let out = '';
  let copied = 0;
  let s = 0;
  while (s < n) {
    const c = v.charCodeAt(s);
    if (isQuote(c)) {
      const e = endOf(c);
      if (e > s) {
        out += v.slice(copied, s) + v.slice(s + 1, e);
        copied = s = e + 1;
        continue;
      }
    }
    while (s < n && !isTerm(v.charCodeAt(s))) s++;
    s++;
  }
  return out + v.slice(copied);
}

/** What `dotenv.parse(text)` returns, as a Map: the last assignment of a key wins. */
export function readEnvValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  new Scanner(text).scan((a) => {
    const key = keyOf(text, a);
    // dotenv stores into a plain object, where assigning a string to `__proto__` does nothing.
    if (key !== '__proto__') values.set(key, valueOf(text, a));
    return true;
  });
  return values;
}

/** The current non-empty values of `keys`: what an upsert of them would overwrite. */
export function existingValues(text: string, keys: readonly string[]): Map<string, string> {
  const all = readEnvValues(text);
  const found = new Map<string, string>();
  for (const key of keys) {
    const value = all.get(key);
    if (value) found.set(key, value);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Starts with a letter or `_`, then letters, digits, `_`, `.` or `-` (dotenv reads `[\w.-]+`). */
export function isValidEnvKey(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key) && key !== '__proto__';
}

/** Characters that make us quote a value even where dotenv would read it bare. */
const QUOTE_FOR_PEOPLE = /[\s#'"`$\\\p{Cc}]/u;

/** dotenv reads `KEY=v` back as `v`. */
function plainOk(v: string): boolean {
  if (isWs(v.charCodeAt(0)) || isWs(v.charCodeAt(v.length - 1)) || isQuote(v.charCodeAt(0))) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === HASH || isTerm(c)) return false;
  }
  return true;
}

/**
 * Every way to write `v` that dotenv reads back exactly, preferred first (the others are for
 * files where an earlier unclosed quote makes the preferred one misread). A closing quote after a
 * backslash would not close, so no quoted form may end with one; a raw `\r` would become `\n`.
 */
function representations(v: string): string[] {
  if (v === '') return ['', "''", '""', '``'];
  const plain = plainOk(v);
  const endsInBackslash = v.charCodeAt(v.length - 1) === BACKSLASH;
  const literal = (quote: string) =>
    !endsInBackslash && !v.includes(quote) && !v.includes('\r') ? quote + v + quote : undefined;
  const single = literal("'");
  const backtick = literal('`');
  const double =
    !endsInBackslash && !v.includes('"') && !/\\[nr]/.test(v)
      ? `"${v.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`
      : undefined;
  const bare = plain ? v : undefined;
  const order = /[\r\n]/.test(v)
    ? [double, single, backtick]
    : plain && !QUOTE_FOR_PEOPLE.test(v)
      ? [bare, single, double, backtick]
      : [single, double, backtick, bare];
  return order.filter((r): r is string => r !== undefined);
}

/**
 * `value` as it goes after `KEY=`: bare when that is unambiguous and harmless, otherwise quoted
 * (see the module comment). Throws {@link EnvFileError} for a value dotenv cannot read back.
 */
export function formatEnvValue(value: string): string {
  const reps = representations(value);
  if (reps.length === 0)
    throw new EnvFileError(
      'This value cannot be written to an env file so that dotenv reads it back unchanged.',
    );
  return reps[0];
}

/** `KEY=value` lines, each ended with `eol`, for the clipboard or a new file. */
export function renderEnvLines(entries: readonly EnvEntry[], eol = '\n'): string {
  return entries.map((e) => `${checkedKey(e.key)}=${formatEnvValue(e.value)}${eol}`).join('');
}

function checkedKey(key: string): string {
  if (!isValidEnvKey(key)) throw new EnvFileError(`"${key}" is not a valid environment variable name.`);
  return key;
}

/** The line end most lines use: `\r\n`, `\n` or a lone `\r` (ties and none: `\n`). */
function dominantEol(t: string): string {
  let lf = 0;
  let crlf = 0;
  for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) {
    if (t.charCodeAt(i - 1) === CR) crlf++;
    else lf++;
  }
  let cr = 0;
  for (let i = t.indexOf('\r'); i >= 0; i = t.indexOf('\r', i + 1)) if (t.charCodeAt(i + 1) !== LF) cr++;
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

/**
 * Sets each entry's key to its value, changing nothing else. Every assignment of a key dotenv
 * sees is rewritten in place (so no stale copy of a secret stays behind and no duplicate is
 * made), keeping its `export `, spacing and trailing comment; missing keys are appended in
 * entry order (with `export ` when every existing assignment has it). When an entry's key
 * appears twice in `entries`, the last one wins. Throws {@link EnvFileError} for an invalid key,
 * a value dotenv cannot read back, or a file where no way of writing keeps dotenv's reading of
 * the other keys (for example after an unclosed quote).
 */
export function upsertEnv(text: string, entries: readonly EnvEntry[]): UpsertResult {
  const wanted = new Map<string, string>();
  for (const { key, value } of entries) wanted.set(checkedKey(key), value);

  const assignments: Assignment[] = [];
  const keys: string[] = [];
  const last = new Map<string, Assignment>();
  new Scanner(text).scan((a) => {
    const key = keyOf(text, a);
    assignments.push(a);
    keys.push(key);
    if (wanted.has(key)) last.set(key, a);
    return true;
  });

  const result: UpsertResult = { text, replaced: [], added: [], unchanged: [] };
  const writes = new Map<string, { reps: string[]; value: string }>();
  for (const [key, value] of wanted) {
    const found = last.get(key);
    const old = found && valueOf(text, found);
    if (old === value) {
      result.unchanged.push(key);
      continue;
    }
    (old ? result.replaced : result.added).push(key);
    const reps = representations(value);
    if (reps.length === 0) {
      throw new EnvFileError(
        `The value for ${key} cannot be written to an env file so that dotenv reads it back unchanged.`,
      );
    }
    writes.set(key, { reps, value });
  }
  if (writes.size === 0) return result;

  // Try the preferred way of writing each value first; the others only matter in a file where an
  // open quote earlier on would otherwise reach into what we write. A blank line before appended
  // lines keeps a last `KEY:` (an empty value, to dotenv) from taking the next line as its value.
  const attempts = Math.max(...[...writes.values()].map((w) => w.reps.length));
  const appends = [...writes.keys()].some((key) => !last.has(key));
  for (let attempt = 0; attempt < attempts; attempt++) {
    const chosen = new Map<string, Write>();
    for (const [key, { reps, value }] of writes) {
      chosen.set(key, { rep: reps[Math.min(attempt, reps.length - 1)], value });
    }
    for (const blankLine of appends ? [false, true] : [false]) {
      const edit = render(text, assignments, keys, chosen, blankLine);
      if (readsAsPlanned(edit, assignments)) return { ...result, text: edit.out };
    }
  }
  throw new EnvFileError(
    'The env file cannot be updated without changing how dotenv reads its other lines (a quote left open, or a last line ending in ":"?). Edit it by hand or copy the values instead.',
  );
}

interface Write {
  readonly rep: string;
  readonly value: string;
}

/** The new text, and what dotenv must find in it: the old assignments, moved by `shift`, then `appended`. */
interface Edit {
  readonly out: string;
  /** Per old assignment: how far it moved. */
  readonly shift: Int32Array;
  /** Per old assignment: what it now says, if it was rewritten. */
  readonly rewritten: (Write | undefined)[];
  readonly appended: { readonly keyStart: number; readonly keyEnd: number; readonly value: string }[];
}

function render(
  text: string,
  assignments: readonly Assignment[],
  keys: readonly string[],
  chosen: ReadonlyMap<string, Write>,
  blankLine: boolean,
): Edit {
  const parts: string[] = [];
  const shift = new Int32Array(assignments.length);
  const rewritten: (Write | undefined)[] = new Array<Write | undefined>(assignments.length);
  const present = new Set<string>();
  let copied = 0;
  let moved = 0;
  assignments.forEach((a, i) => {
    shift[i] = moved;
    const write = chosen.get(keys[i]);
    if (!write) return;
    rewritten[i] = write;
    present.add(keys[i]);
    parts.push(text.slice(copied, a.start), write.rep);
    moved += write.rep.length - (a.end - a.start);
    copied = a.end;
  });
  parts.push(text.slice(copied));

  const appended: Edit['appended'] = [];
  const missing = [...chosen].filter(([key]) => !present.has(key));
  if (missing.length > 0) {
    const prefix = assignments.length > 0 && assignments.every((a) => a.exported) ? 'export ' : '';
    const eol = dominantEol(text);
    const lastChar = text.charCodeAt(text.length - 1);
    const ended = text === '' || text === '\uFEFF' || lastChar === LF || lastChar === CR;
    let at = text.length + moved;
    missing.forEach(([key, write], i) => {
      const before = i > 0 ? prefix : (ended ? '' : eol) + (blankLine ? eol : '') + prefix;
      const after = ended || i < missing.length - 1 ? eol : '';
      const keyStart = at + before.length;
      appended.push({ keyStart, keyEnd: keyStart + key.length, value: write.value });
      const line = `${before}${key}=${write.rep}${after}`;
      parts.push(line);
      at += line.length;
    });
  }
  return { out: parts.join(''), shift, rewritten, appended };
}

/**
 * Whether dotenv reads `edit.out` as planned: the same assignments in the same order, each key
 * where it moved to, each untouched value's text where it moved to (so it reads the same), each
 * written value read back exactly, and the appended ones after them.
 */
function readsAsPlanned(edit: Edit, assignments: readonly Assignment[]): boolean {
  const { out, shift, rewritten, appended } = edit;
  const count = assignments.length + appended.length;
  let i = 0;
  let ok = true;
  new Scanner(out).scan((found) => {
    if (i < assignments.length) {
      const a = assignments[i];
      const d = shift[i];
      const write = rewritten[i];
      ok =
        found.keyStart === a.keyStart + d &&
        found.keyEnd === a.keyEnd + d &&
        (write
          ? valueOf(out, found) === write.value
          : found.valueStart === a.valueStart + d && found.valueEnd === a.valueEnd + d);
    } else if (i < count) {
      const x = appended[i - assignments.length];
      ok = found.keyStart === x.keyStart && found.keyEnd === x.keyEnd && valueOf(out, found) === x.value;
    } else {
      ok = false;
    }
    i++;
    return ok;
  });
  return ok && i === count;
}
