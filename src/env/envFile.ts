/**
 * Reads and edits `.env` text exactly the way the `dotenv` package's `parse` reads it, so that a
 * key we write is a key dotenv sees, and every line we did not mean to touch stays byte for byte.
 *
 * It reads with the scanner in envScanner.ts (dotenv 18's `parse`, corners included). `upsertEnv`
 * re-reads its own output and refuses (throws {@link EnvFileError}) rather than hand back text
 * dotenv would read differently.
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

import {
  BACKSLASH,
  CR,
  DQUOTE,
  HASH,
  LF,
  Scanner,
  isQuote,
  isTerm,
  isWs,
  keyOf,
  valueOf,
  type Assignment,
} from './envScanner';

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
  /**
   * The same change as the smallest edits of the old text (offsets into it, in order, never
   * overlapping): each rewritten value, and the appended lines. Applied to an open editor, they
   * leave its cursor, selections and undo history as they were everywhere else.
   */
  changes: TextChange[];
}

/** Replace `text[start, end)` with `insert`; offsets into the text before any change. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly insert: string;
}

/** `text` with `changes` (in order, not overlapping) made. */
export function applyTextChanges(text: string, changes: readonly TextChange[]): string {
  const parts: string[] = [];
  let copied = 0;
  for (const change of changes) {
    parts.push(text.slice(copied, change.start), change.insert);
    copied = change.end;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/** A key dotenv would not accept, a value it cannot read back, or a file that cannot be edited safely. */
export class EnvFileError extends Error {
  override readonly name = 'EnvFileError';
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

  const result: UpsertResult = { text, replaced: [], added: [], unchanged: [], changes: [] };
  const writes = new Map<string, Planned>();
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
  // Values keep the user's quotes first; if no way of writing works so, every value is tried
  // in the same preferred order, as when no quote is kept (copies of a key then agree).
  const quoted = assignments.some((a, i) => writes.has(keys[i]) && quoteOf(text, a) !== undefined);
  for (const keepQuotes of quoted ? [true, false] : [false]) {
    for (let attempt = 0; attempt < attempts; attempt++) {
      for (const blankLine of appends ? [false, true] : [false]) {
        const edit = render(text, assignments, keys, writes, attempt, blankLine, keepQuotes);
        if (readsAsPlanned(edit, assignments)) return { ...result, text: edit.out, changes: edit.changes };
      }
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

/** Every way to write a new value (see {@link representations}), and the value. */
interface Planned {
  readonly reps: readonly string[];
  readonly value: string;
}

/** What shells (and dotenv-expand) would still read into inside double quotes. */
const LIVE_IN_DOUBLE_QUOTES = /[$`\\]/;

/**
 * The quote the user wrote around an assignment's value on its own line, if any (not one of a
 * value dotenv takes from the next line).
 */
function quoteOf(text: string, a: Assignment): number | undefined {
  if (a.valueStart >= a.valueEnd || hasLineEnd(text, a.keyEnd, a.valueStart)) return undefined;
  const first = text.charCodeAt(a.valueStart);
  return isQuote(first) ? first : undefined;
}

function hasLineEnd(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isTerm(text.charCodeAt(i))) return true;
  return false;
}

/**
 * The way of writing `planned` to try at `attempt`, in place of a value quoted with `quote`: the
 * value keeps that quote when the quote can hold it on one line (double quotes only when nothing
 * in it would be expanded there).
 */
function repAt(planned: Planned, attempt: number, quote?: number): string {
  const { reps, value } = planned;
  const keep =
    quote !== undefined && !/[\r\n]/.test(value) && !(quote === DQUOTE && LIVE_IN_DOUBLE_QUOTES.test(value));
  const kept = keep ? reps.findIndex((r) => r.charCodeAt(0) === quote) : -1;
  const ordered = kept > 0 ? [reps[kept], ...reps.slice(0, kept), ...reps.slice(kept + 1)] : reps;
  return ordered[Math.min(attempt, ordered.length - 1)];
}

/** The new text, and what dotenv must find in it: the old assignments, moved by `shift`, then `appended`. */
interface Edit {
  readonly out: string;
  /** Per old assignment: how far it moved. */
  readonly shift: Int32Array;
  /** Per old assignment: what it now says, if it was rewritten. */
  readonly rewritten: (Write | undefined)[];
  readonly appended: { readonly keyStart: number; readonly keyEnd: number; readonly value: string }[];
  /** The same edit as changes of the old text. */
  readonly changes: TextChange[];
}

function render(
  text: string,
  assignments: readonly Assignment[],
  keys: readonly string[],
  writes: ReadonlyMap<string, Planned>,
  attempt: number,
  blankLine: boolean,
  keepQuotes: boolean,
): Edit {
  const shift = new Int32Array(assignments.length);
  const rewritten: (Write | undefined)[] = new Array<Write | undefined>(assignments.length);
  const present = new Set<string>();
  const changes: TextChange[] = [];
  let moved = 0;
  assignments.forEach((a, i) => {
    shift[i] = moved;
    const planned = writes.get(keys[i]);
    if (!planned) return;
    const quote = keepQuotes ? quoteOf(text, a) : undefined;
    const write = { rep: repAt(planned, attempt, quote), value: planned.value };
    rewritten[i] = write;
    present.add(keys[i]);
    changes.push({ start: a.start, end: a.end, insert: write.rep });
    moved += write.rep.length - (a.end - a.start);
  });

  const appended: Edit['appended'] = [];
  const missing = [...writes]
    .filter(([key]) => !present.has(key))
    .map(([key, planned]) => [key, { rep: repAt(planned, attempt), value: planned.value }] as const);
  if (missing.length > 0) {
    const prefix = assignments.length > 0 && assignments.every((a) => a.exported) ? 'export ' : '';
    const eol = dominantEol(text);
    const lastChar = text.charCodeAt(text.length - 1);
    const ended = text === '' || text === '\uFEFF' || lastChar === LF || lastChar === CR;
    let at = text.length + moved;
    const lines: string[] = [];
    missing.forEach(([key, write], i) => {
      const before = i > 0 ? prefix : (ended ? '' : eol) + (blankLine ? eol : '') + prefix;
      const after = ended || i < missing.length - 1 ? eol : '';
      const keyStart = at + before.length;
      appended.push({ keyStart, keyEnd: keyStart + key.length, value: write.value });
      const line = `${before}${key}=${write.rep}${after}`;
      lines.push(line);
      at += line.length;
    });
    changes.push({ start: text.length, end: text.length, insert: lines.join('') });
  }
  return { out: applyTextChanges(text, changes), shift, rewritten, appended, changes };
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
