/**
 * The comment a team puts in a committed env file (`.env.example`) to say which client the file
 * wants, e.g. `# identity-cloud: application=dev features=direct_read_access,access_issuer
 * description="Checkout service"`. The create flow starts from these values (the user still
 * confirms each of them); nothing here is trusted further than a suggestion.
 */
import type { Translate } from '../common/translate';

export interface Directive {
  readonly application?: string;
  readonly features?: readonly string[];
  readonly description?: string;
  /** Words for each part that was not understood (unknown settings, unclosed quotes). */
  readonly problems: readonly string[];
}

const LINE = /^[ \t]*#[ \t]*identity-cloud[ \t]*:(.*)$/im;
const PAIR = /([A-Za-z]+)=(?:"([^"]*)"|(\S*))/y;

/** The first directive in `text`, or undefined when there is none. */
export function parseDirective(text: string, t: Translate): Directive | undefined {
  const match = LINE.exec(text);
  if (!match) return undefined;
  const body = match[1];
  const found: { application?: string; features?: string[]; description?: string } = {};
  const problems: string[] = [];
  let i = 0;
  while (i < body.length) {
    if (/\s/.test(body[i])) {
      i++;
      continue;
    }
    PAIR.lastIndex = i;
    const pair = PAIR.exec(body);
    if (!pair) {
      const word = /\S+/y;
      word.lastIndex = i;
      const skipped = word.exec(body)![0];
      problems.push(t('"{0}" is not a setting=value pair.', skipped));
      i += skipped.length;
      continue;
    }
    i = PAIR.lastIndex;
    const name = pair[1].toLowerCase();
    const value = (pair[2] ?? pair[3]).trim();
    if (name === 'application') found.application = value || undefined;
    else if (name === 'description') found.description = value || undefined;
    else if (name === 'features')
      found.features = value
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
    else
      problems.push(
        t('"{0}" is not a directive setting (use application, features or description).', pair[1]),
      );
  }
  return { ...found, problems };
}

const EXAMPLE = /^(\.env(?:\.[^/\\]+?)?)\.(example|sample|template|dist|defaults)$/i;

/**
 * The file that should receive real credentials for an env file: `.env.example` → `.env`,
 * `.env.local.sample` → `.env.local`; any other name is itself. A committed example never does.
 */
export function realEnvFileName(name: string): string {
  return EXAMPLE.exec(name)?.[1] ?? name;
}
