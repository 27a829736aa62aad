/**
 * Which files are env files and which of them are templates: the one definition every feature
 * uses (problems and lenses, rotation, the destination picker, Keep Env Files Out of Git, the
 * create flow from a template).
 *
 * - An env file is named `.env`, `.env.<anything>` (`.env.local`, `.env.production`) or
 *   `<anything>.env` (`config/prod.env`): the names dotenv tools read and VS Code's `dotenv`
 *   language (1.106 and later) covers.
 * - A template is an env file meant to be committed with key names but no real values:
 *   `.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `.env.defaults`, also after
 *   another suffix (`.env.local.example`). Its real counterpart is the name without that suffix.
 */

/** The last suffixes that make an env file a template. */
const TEMPLATE_SUFFIXES = ['example', 'sample', 'template', 'dist', 'defaults'] as const;

/** The names of env files as glob patterns: what {@link isEnvFileName} accepts. */
const ENV_FILE_NAMES = ['.env', '.env.*', '*.env'] as const;

/** The glob of env files for `workspace.findFiles`, in every folder of the workspace. */
export const ENV_FILES_GLOB = `**/{${ENV_FILE_NAMES.join(',')}}`;

/** The same names as separate patterns, for a document selector. */
export const ENV_FILE_PATTERNS: readonly string[] = ENV_FILE_NAMES.map((name) => `**/${name}`);

/** Folders never searched for env files: dependencies and git's own. */
export const ENV_FILES_EXCLUDE = '{**/node_modules/**,**/.git/**}';

/**
 * The URI schemes of documents a user edits: files on this machine (`file`) or seen from a remote
 * window (`vscode-remote`), new files not saved yet (`untitled`), and the files of a virtual
 * workspace such as GitHub or Azure Repos (`vscode-vfs`). Copies VS Code makes for its own use
 * (`git:` for quick diff, `vscode-scm`, a merge editor's inputs) are not env files to analyse.
 */
export const ENV_SCHEMES: readonly string[] = ['file', 'vscode-remote', 'untitled', 'vscode-vfs'];

/** The last segment of a path, with `/` or `\` as separators. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Whether a file name (no folder) names an env file. */
export function isEnvFileName(name: string): boolean {
  return (
    name === '.env' ||
    (name.startsWith('.env.') && name.length > 5) ||
    (name.endsWith('.env') && name.length > 4)
  );
}

/** Whether a path (a `Uri.path` or a file system path) ends in an env file's name. */
export function isEnvFilePath(path: string): boolean {
  return isEnvFileName(baseName(path));
}

const TEMPLATE = new RegExp(`^(.+)\\.(?:${TEMPLATE_SUFFIXES.join('|')})$`, 'i');

/** The env file a template stands for (`.env.example` → `.env`), or undefined for any other name. */
function templateOf(name: string): string | undefined {
  if (!isEnvFileName(name)) return undefined;
  const stem = TEMPLATE.exec(name)?.[1];
  return stem !== undefined && isEnvFileName(stem) ? stem : undefined;
}

/** Whether a file name (no folder) names a template: an env file meant to be committed without values. */
export function isTemplateName(name: string): boolean {
  return templateOf(name) !== undefined;
}

/** Whether a path ends in a template's name. */
export function isTemplatePath(path: string): boolean {
  return isTemplateName(baseName(path));
}

/**
 * The file that should receive real credentials for an env file: `.env.example` → `.env`,
 * `.env.local.sample` → `.env.local`; any other name is itself. A template never does.
 */
export function realEnvFileName(name: string): string {
  return templateOf(name) ?? name;
}

/**
 * The lines of a `.gitignore` that ignores every env file but the templates, for a folder that
 * is not a git repository yet (Keep Env Files Out of Git).
 */
export const ENV_GITIGNORE_LINES: readonly string[] = [
  '# Env files hold secrets; templates such as .env.example are meant to be committed.',
  ...ENV_FILE_NAMES,
  ...TEMPLATE_SUFFIXES.map((suffix) => `!.env*.${suffix}`),
];

/** The lines of `wanted` that `text` (a .gitignore) does not have yet, in order. */
export function missingLines(text: string, wanted: readonly string[]): string[] {
  const have = new Set(text.split(/\r?\n/).map((line) => line.trim()));
  return wanted.filter((line) => !have.has(line));
}
