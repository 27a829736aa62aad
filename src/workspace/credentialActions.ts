import vscode = require('vscode');
import { FindingCodes, type Finding } from '../env/credentialFindings';
import { documentEdit } from '../credentials/envFileWriter';
import { EnvFileError, upsertEnv } from '../env/envFile';
import { Commands } from '../ids';
import { DIAGNOSTIC_SOURCE } from './credentialDiagnostics';
import type { EnvAnalyses } from './envDocuments';

/** Quick fixes for the "Identity Cloud" problems, keyed on each problem's code. */
export class CredentialActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly analyses: EnvAnalyses) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const findings = this.analyses.get(document).findings;
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const start = document.offsetAt(diagnostic.range.start);
      const finding = findings.find((f) => f.code === diagnostic.code && f.start === start);
      if (finding) actions.push(...fixesFor(document, finding, diagnostic));
    }
    return actions;
  }
}

/**
 * Edits that set the finding's key to one of its replacements, as every other change of an env
 * value is made ({@link upsertEnv}: quoted when the value needs it, in the quotes it had, nothing
 * else changed), from the text VS Code asks about (it asks again after each change). A value this
 * file cannot take safely (an open quote before it) gets no fix: the message says what to write.
 */
function replaceValue(
  document: vscode.TextDocument,
  finding: Finding,
  diagnostic: vscode.Diagnostic,
  title: (value: string) => string,
): vscode.CodeAction[] {
  const key = finding.key;
  if (key === undefined) return [];
  const text = document.getText();
  return (finding.replacements ?? []).slice(0, MAX_REPLACEMENTS).flatMap((value) => {
    let result;
    try {
      result = upsertEnv(text, [{ key, value }]);
    } catch (error) {
      if (error instanceof EnvFileError) return [];
      throw error;
    }
    // Only a value that is there is replaced (problems a step behind the typing offer nothing).
    if (!result.replaced.includes(key)) return [];
    const action = new vscode.CodeAction(title(value), vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.edit = documentEdit(document, result.changes);
    return [action];
  });
}

/** Registered redirect URIs offered as replacements: a long list is for Edit Redirect URIs…. */
const MAX_REPLACEMENTS = 3;

function fixesFor(
  document: vscode.TextDocument,
  finding: Finding,
  diagnostic: vscode.Diagnostic,
): vscode.CodeAction[] {
  const uri = document.uri;
  const t = vscode.l10n.t;
  const target = { application: finding.application, clientId: finding.clientId };
  const fix = (title: string, command: string, argument: object, preferred = false) => {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = preferred;
    action.command = { title, command, arguments: [argument] };
    return action;
  };
  /** The preferred fix: the value the file holds, replaced with the one Identity Cloud has. */
  const update = (title: string, field: 'secret' | 'domain') =>
    fix(title, Commands.updateEnvCredential, { ...target, uri: uri.toString(), field }, true);
  // Written under the key names of the set the problem is on, never over another set of the file.
  const createForFile = () =>
    fix(t('Create a new client for this file…'), Commands.createClient, {
      destination: uri.toString(),
      ...(finding.keys ? { keys: finding.keys } : {}),
    });
  switch (finding.code) {
    case FindingCodes.secretOutdated:
      return [
        update(t('Update the secret from Identity Cloud'), 'secret'),
        // The new secret goes to the file the fix was invoked from, not wherever the picker would suggest.
        fix(t('Reset secret and update every copy…'), Commands.resetSecret, {
          ...target,
          destination: uri.toString(),
        }),
      ];
    case FindingCodes.domainMismatch:
      return [update(t('Update the domain from Identity Cloud'), 'domain')];
    case FindingCodes.unknownClient:
    case FindingCodes.ownerInEnv: {
      const create = createForFile();
      create.isPreferred = finding.code === FindingCodes.unknownClient;
      return [create];
    }
    case FindingCodes.committableSecret:
      return [fix(t('Add to .gitignore'), Commands.addToGitIgnore, { uri: uri.toString() }, true)];
    case FindingCodes.directiveProblem:
      return []; // the message says what to change in the line
    case FindingCodes.issuerMismatch:
      return replaceValue(document, finding, diagnostic, (value) =>
        t('Change to {0} (the issuer of {1})', value, finding.application ?? ''),
      ).map((action) => ((action.isPreferred = true), action));
    case FindingCodes.redirectNotRegistered: {
      const target = { application: finding.application, loginClientId: finding.loginClientId };
      return [
        // The URI is offered in Edit Redirect URIs' box: the user sees the whole list before saving.
        fix(t('Register {0} on the login client…', finding.redirectUri ?? ''), Commands.editRedirectUris, {
          ...target,
          add: finding.redirectUri,
        }),
        ...replaceValue(document, finding, diagnostic, (value) => t('Change to {0} (registered)', value)),
      ];
    }
    case FindingCodes.unknownLoginClient:
      return [
        fix(
          t('Write a login client of {0} to this file…', finding.application ?? ''),
          Commands.writeLoginClientToEnv,
          {
            application: finding.application,
            destination: uri.toString(),
          },
        ),
      ];
  }
}
