/**
 * Reads `.env` text exactly the way the `dotenv` package's `parse` reads it: a linear
 * re-implementation of dotenv 18's `parse` (its line regex), with its corners: `export ` prefixes,
 * `KEY: value`, quoted values that span lines (a `KEY=` inside one is not a key), `\r\n` and lone
 * `\r` line ends, a BOM (whitespace to dotenv), and which closing quote dotenv settles on when a
 * quote is escaped or left open. Used by envFile.ts, which edits what this finds.
 */

// ---------------------------------------------------------------------------------------------
// Characters

const TAB = 9;
export const LF = 10;
export const CR = 13;
const SPACE = 32;
export const DQUOTE = 34;
export const HASH = 35;
const SQUOTE = 39;
const EQUALS = 61;
const COLON = 58;
export const BACKSLASH = 92;
const BACKTICK = 96;

/** JavaScript's `\s` (and what `String.prototype.trim` removes), which is what dotenv skips. */
export function isWs(c: number): boolean {
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
export function isTerm(c: number): boolean {
  return c === LF || c === CR || c === 0x2028 || c === 0x2029;
}

/** `[\w.-]`: what dotenv accepts in a key. */
function isKeyChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45
  );
}

export function isQuote(c: number): boolean {
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
export interface Assignment {
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

export function keyOf(t: string, a: Assignment): string {
  return t.slice(a.keyStart, a.keyEnd);
}

export function valueOf(t: string, a: Assignment): string {
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

export class Scanner {
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
