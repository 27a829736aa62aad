/**
 * The comment a team puts in a committed env file (`.env.example`) to say which client the file
 * wants, e.g. `# identity-cloud: application=dev features=direct_read_access,access_issuer
 * description="Checkout service"`. The create flow starts from these values (the user still
 * confirms each of them); nothing here is trusted further than a suggestion.
 */
import { checkFeatureSet } from '../api/features';
import type { Translate } from '../common/translate';

export interface Directive {
  readonly application?: string;
  readonly features?: readonly string[];
  readonly description?: string;
  /** Words for each part that was not understood (unknown settings, unclosed quotes). */
  readonly problems: readonly string[];
  /** Offsets of the directive's line in the text (from its `#` to the end of the line). */
  readonly start: number;
  readonly end: number;
}

const LINE = /^[ \t]*(#[ \t]*identity-cloud[ \t]*:)(.*)$/im;
const PAIR = /([A-Za-z]+)=(?:"([^"]*)"|(\S*))/y;
const WORD = /[ \t]+[^\s=]+(?=\s|$)/y;

/**
 * The first directive in `text`, or undefined when there is none. `applications` are the names of
 * the configured applications: an unquoted name with spaces (`application=Brand Staging`) is
 * accepted when it is one of them exactly.
 */
export function parseDirective(
  text: string,
  t: Translate,
  applications: readonly string[] = [],
): Directive | undefined {
  const match = LINE.exec(text);
  if (!match) return undefined;
  const body = match[2];
  const start = match.index + match[0].indexOf(match[1]);
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
    let value = (pair[2] ?? pair[3]).trim();
    if (name === 'application' && pair[3] !== undefined) {
      const longer = knownNameWithSpaces(body, i, value, applications);
      if (longer) {
        value = longer.name;
        i = longer.end;
      }
    }
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
  return { ...found, problems, start, end: match.index + match[0].length };
}

/**
 * The longest run of the words after an unquoted value that, with it, spells a configured
 * application's name exactly (`Brand` + ` Staging`), or undefined when none does.
 */
function knownNameWithSpaces(
  body: string,
  from: number,
  value: string,
  applications: readonly string[],
): { name: string; end: number } | undefined {
  let best: { name: string; end: number } | undefined;
  WORD.lastIndex = from;
  while (WORD.exec(body)) {
    const name = value + body.slice(from, WORD.lastIndex);
    if (applications.includes(name)) best = { name, end: WORD.lastIndex };
  }
  return best;
}

/**
 * What is wrong with a directive's values, in words that say how to fix it: an application that is
 * not configured here (with the ones that are), features that cannot be given.
 */
export function checkDirective(
  directive: Directive,
  applications: readonly string[],
  t: Translate,
): string[] {
  const problems: string[] = [];
  const { application, features } = directive;
  if (application !== undefined && !applications.includes(application)) {
    problems.push(
      applications.length === 0
        ? t('No application is added here yet: add "{0}" to create its client.', application)
        : t(
            'There is no application named "{0}". Known applications: {1}. Quote a name with spaces: application="My App".',
            application,
            applications.join(', '),
          ),
    );
  }
  if (features && features.length > 0) {
    const problem = checkFeatureSet(features, t);
    if (problem) problems.push(problem);
  }
  return problems;
}
