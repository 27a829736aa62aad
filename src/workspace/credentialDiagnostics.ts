import * as vscode from 'vscode';
import type { ClientIndex } from '../clients/clientIndex';
import { isCommittable } from '../credentials/gitIgnore';
import type { Severity } from '../env/credentialFindings';
import { SETTINGS_SECTION, Settings } from '../ids';
import { credentialChecksEnabled } from '../settings';
import { ENV_SELECTOR, isEnvDocument, type EnvAnalyses } from './envDocuments';

export const DIAGNOSTIC_SOURCE = 'Identity Cloud';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/**
 * The Problems of env files, source "Identity Cloud": computed when a file is opened (or shown) or
 * saved and when the client index changes, from memory. Opening or saving may start a listing when the one in
 * memory is older than the configured window; a keystroke never does.
 */
export function registerCredentialDiagnostics(
  index: ClientIndex,
  analyses: EnvAnalyses,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);

  const update = (document: vscode.TextDocument) => {
    if (!isEnvDocument(document)) return;
    if (!credentialChecksEnabled(document.uri)) {
      collection.delete(document.uri);
      return;
    }
    collection.set(
      document.uri,
      analyses.get(document).findings.map((finding) => {
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end)),
          finding.message,
          SEVERITY[finding.severity],
        );
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = finding.code;
        return diagnostic;
      }),
    );
  };

  /** On open and save: whether git would commit the file, then the problems; maybe a listing. */
  const opened = (document: vscode.TextDocument) => {
    if (!isEnvDocument(document)) return;
    if (credentialChecksEnabled(document.uri)) index.ensureFresh();
    update(document);
    void isCommittable(document.uri, log).then((committable) => {
      analyses.setCommittable(document.uri, committable);
      if (!document.isClosed) update(document);
    });
  };

  const all = () => vscode.workspace.textDocuments.forEach(update);
  // An application's list arrived: only the files whose answers from the index changed.
  const outdated = () =>
    vscode.workspace.textDocuments.forEach((d) => {
      if (isEnvDocument(d) && analyses.isOutdated(d)) update(d);
    });
  // A refresh or a change lists again at once only while an env file is open in an editor.
  index.watchWhile(() =>
    vscode.window.tabGroups.all.some((group) =>
      group.tabs.some(
        (tab) =>
          tab.input instanceof vscode.TabInputText &&
          vscode.languages.match(ENV_SELECTOR, {
            uri: tab.input.uri,
            languageId: '',
          } as vscode.TextDocument) > 0,
      ),
    ),
  );
  vscode.workspace.textDocuments.forEach(opened);
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument(opened),
    vscode.workspace.onDidSaveTextDocument(opened),
    // Shown in an editor counts as opened: VS Code keeps a closed file's document for a while, and
    // showing it again fires no open event, yet its lenses need a listing as much as a new one.
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => opened(e.document))),
    // A file changed on disk (a quick fix wrote it) reloads into a clean document: check it again.
    // Typing makes a document dirty and is never checked.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!e.document.isDirty && e.contentChanges.length > 0) update(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      collection.delete(document.uri);
      analyses.forget(document.uri);
    }),
    index.onDidChange(outdated),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration(`${SETTINGS_SECTION}.${Settings.credentialChecks}`) ||
        e.affectsConfiguration(`${SETTINGS_SECTION}.${Settings.envKeys}`)
      ) {
        analyses.clear();
        all();
      }
    }),
  );
}
