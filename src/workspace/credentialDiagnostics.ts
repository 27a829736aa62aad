import vscode = require('vscode');
import type { ClientIndex } from '../clients/clientIndex';
import type { LoginClientIndex } from '../hostedLogin/loginClientIndex';
import { GitIgnoreStates } from '../credentials/ignoreStates';
import { findEnvCredentials } from '../env/envCredentials';
import type { Finding, Severity } from '../env/credentialFindings';
import { SETTINGS_SECTION, Settings } from '../ids';
import { checkWorkspaceEnvFiles, credentialChecksEnabled, envKeyNames, oidcEnvKeyNames } from '../settings';
import { ENV_SELECTOR, isEnvDocument, type EnvAnalyses } from './envDocuments';
import { WorkspaceEnvCheck } from './workspaceEnvCheck';

/** Identity Cloud: Check All Env Files, for the command table. */
export interface EnvFileChecks {
  /** Checks every env file of the workspace, and keeps closed files' problems from now on. */
  checkAll(): Promise<{ checked: number; withProblems: number }>;
}

export const DIAGNOSTIC_SOURCE = 'Identity Cloud';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/**
 * The Problems of env files, source "Identity Cloud": computed when a file is opened (or shown) or
 * saved and when the client index (or the login client index) changes, from memory. Opening or saving may start
 * a listing when the one in memory is older than the configured window; a keystroke never does.
 */
export function registerCredentialDiagnostics(
  index: ClientIndex,
  logins: LoginClientIndex,
  analyses: EnvAnalyses,
  log: vscode.LogOutputChannel,
): vscode.Disposable & EnvFileChecks {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);

  const update = (document: vscode.TextDocument) => {
    if (!isEnvDocument(document)) return;
    if (!credentialChecksEnabled(document.uri)) {
      collection.delete(document.uri);
      return;
    }
    collection.set(
      document.uri,
      diagnostics(analyses.get(document).findings, (o) => document.positionAt(o)),
    );
  };

  const ignore = new GitIgnoreStates(log);
  const workspaceCheck = new WorkspaceEnvCheck(
    index,
    logins,
    ignore,
    (uri, findings, text) => collection.set(uri, diagnostics(findings, positionsIn(text))),
    (uri) => collection.delete(uri),
  );
  if (checkWorkspaceEnvFiles()) void workspaceCheck.start();
  /** Whether git would commit the file (asked once, batched, kept until it or a .gitignore changes). */
  const lookUpGit = (document: vscode.TextDocument) =>
    void ignore.committable(document.uri).then((committable) => {
      analyses.setCommittable(document.uri, committable);
      if (!document.isClosed && analyses.isOutdated(document)) update(document);
    });

  /** What the file's IDs need in memory: a listing older than the window is made again. */
  const lookUp = (document: vscode.TextDocument) => {
    if (!credentialChecksEnabled(document.uri)) return;
    if (holdsClientId(document)) index.ensureFresh();
    // OIDC keys that point at a connected application's Hosted Login: its login clients, once per window.
    logins.gather(analyses.get(document).oidcSet);
  };

  /** On open and save: the problems, then whether git would commit the file; maybe a listing. */
  const opened = (document: vscode.TextDocument) => {
    if (!isEnvDocument(document)) return;
    // Only a file that holds a client ID needs the index to be fresh: others list nothing.
    lookUp(document);
    update(document);
    lookUpGit(document);
  };

  const all = () => vscode.workspace.textDocuments.forEach(update);
  // An application's list arrived: only the files whose answers from the index changed, in the
  // next turn of the event loop (the list's parse and validation had this one), once for any
  // number of changes in between.
  let outdatedSoon: NodeJS.Immediate | undefined;
  const outdated = () => {
    outdatedSoon ??= setImmediate(() => {
      outdatedSoon = undefined;
      vscode.workspace.textDocuments.forEach((d) => {
        if (isEnvDocument(d) && analyses.isOutdated(d)) update(d);
      });
    });
  };
  // A refresh or a change lists again at once only while an env file is open in an editor.
  // So does a check of the whole workspace, which shows closed files' problems.
  index.watchWhile(
    () =>
      workspaceCheck.isActive ||
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
  const disposable = vscode.Disposable.from(
    collection,
    workspaceCheck,
    vscode.workspace.onDidOpenTextDocument((document) => {
      workspaceCheck.openedDocument(document.uri);
      opened(document);
    }),
    ignore,
    ignore.onDidChange(() => vscode.workspace.textDocuments.filter(isEnvDocument).forEach(lookUpGit)),
    vscode.workspace.onDidSaveTextDocument((document) => {
      ignore.forget(document.uri);
      opened(document);
    }),
    // Shown in an editor counts as opened: VS Code keeps a closed file's document for a while, and
    // showing it again fires no open event, yet its lenses need a listing as much as a new one.
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => opened(e.document))),
    // A file changed on disk (a quick fix wrote it) reloads into a clean document: check it again.
    // Typing makes a document dirty and is never checked.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!e.document.isDirty && e.contentChanges.length > 0) {
        // Its keys may name other clients now: at most one list per application and window.
        if (isEnvDocument(e.document)) lookUp(e.document);
        update(e.document);
      }
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      analyses.forget(document.uri);
      // VS Code's convention: a closed file's problems go, unless the whole workspace is checked.
      if (!isEnvDocument(document) || !workspaceCheck.closedDocument(document.uri))
        collection.delete(document.uri);
    }),
    index.onDidChange(outdated),
    logins.onDidChange(outdated),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration(`${SETTINGS_SECTION}.${Settings.credentialChecks}`) ||
        e.affectsConfiguration(`${SETTINGS_SECTION}.${Settings.envKeys}`)
      ) {
        analyses.clear();
        all();
      }
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.${Settings.checkWorkspaceEnvFiles}`)) {
        if (checkWorkspaceEnvFiles()) void workspaceCheck.start();
        else workspaceCheck.stop();
      }
    }),
  );
  return {
    dispose: () => {
      if (outdatedSoon) clearImmediate(outdatedSoon);
      disposable.dispose();
    },
    checkAll: async () => {
      const files = await workspaceCheck.start();
      const withProblems = files.filter((uri) => (collection.get(uri)?.length ?? 0) > 0).length;
      return { checked: files.length, withProblems };
    },
  };
}

function diagnostics(findings: readonly Finding[], positionAt: (offset: number) => vscode.Position) {
  return findings.map((finding) => {
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(positionAt(finding.start), positionAt(finding.end)),
      finding.message,
      SEVERITY[finding.severity],
    );
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = finding.code;
    return diagnostic;
  });
}

/** Offsets to positions in a text that is not open in an editor. */
function positionsIn(text: string): (offset: number) => vscode.Position {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return new vscode.Position(low, offset - starts[low]!);
  };
}

function holdsClientId(document: vscode.TextDocument): boolean {
  // The OIDC client ID names a login client, not an API client: it needs no Capture listing.
  const oidcId = oidcEnvKeyNames(document.uri).clientId;
  return findEnvCredentials(document.getText(), envKeyNames(document.uri)).sets.some(
    (s) => s.id.value && s.id.key !== oidcId,
  );
}
