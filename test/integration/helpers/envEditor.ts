import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitUntil } from '../../waitUntil';
import { envPath } from './workbench';

// An env file as a user sees it in the editor: its text, its "Identity Cloud" problems, lenses,
// hovers and quick fixes, through VS Code's own commands.

const SOURCE = 'Identity Cloud';

/**
 * Writes the file (the workspace's `.env` unless named) through VS Code's file service, so that a
 * model an earlier test left of the same path reloads rather than showing its old text until the
 * file watcher notices; opens it, and waits until it shows the text.
 */
export async function openEnv(text: string, file = envPath()): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.file(file);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(uri);
  await waitUntil(
    `${path.basename(file)} to show what was written`,
    () => editor.document.getText() === text,
  );
  return editor.document;
}

export function envProblems(document: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === SOURCE);
}

/** Waits until the file's problem codes are exactly `codes` (in any order), and returns its problems. */
export async function waitForProblems(
  document: vscode.TextDocument,
  codes: readonly string[],
): Promise<vscode.Diagnostic[]> {
  const sorted = (list: readonly string[]) => [...list].sort().join(',');
  let seen: string[] = [];
  try {
    await waitUntil(
      `the problems ${JSON.stringify(codes)}`,
      () => sorted((seen = envProblems(document).map((d) => String(d.code)))) === sorted(codes),
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; the problems were ${JSON.stringify(seen)}`, {
      cause: error,
    });
  }
  return envProblems(document);
}

export async function lensTitles(document: vscode.TextDocument): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
    'vscode.executeCodeLensProvider',
    document.uri,
  );
  return lenses.filter((l) => l.command?.title).map((l) => l.command!.title);
}

/** The Markdown of every hover at the first character of `text` in the document. */
export async function hoverOn(document: vscode.TextDocument, text: string): Promise<string> {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `${text} is in the document`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    document.uri,
    document.positionAt(offset + 1),
  );
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
    .join('\n');
}

export function quickFixes(
  document: vscode.TextDocument,
  diagnostic: vscode.Diagnostic,
): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
}

/** Applies a quick fix as the light bulb does: its edit, then its command. */
export async function applyFix(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `${action.title} applies`);
  if (action.command)
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}
