import vscode = require('vscode');
import type { ClientIndex } from '../clients/clientIndex';
import { RecordingLookup, type Asked } from '../clients/clientLookup';
import type { GitIgnoreStates } from '../credentials/ignoreStates';
import { analyzeEnv, type Finding } from '../env/credentialFindings';
import type { LoginClientIndex } from '../hostedLogin/loginClientIndex';
import { credentialChecksEnabled, envKeyNames, oidcEnvKeyNames } from '../settings';
import { ENV_FILES_EXCLUDE, ENV_FILES_GLOB } from '../env/envFiles';
import { currentEnvTexts, READ_AT_ONCE } from '../credentials/envFileWriter';

/** How many closed files are analysed again in one turn of the event loop after the index changed. */
const CHECKS_PER_TURN = 25;

interface Checked {
  readonly uri: vscode.Uri;
  readonly text: string;
  readonly committable: boolean;
  readonly asked: Asked;
  /** The login index's generation it read, when the file has OIDC keys. */
  readonly logins: number | undefined;
}

/**
 * The problems of env files that are not open, the way a project-wide linter keeps them: Identity
 * Cloud: Check All Env Files (or `identityCloud.checkWorkspaceEnvFiles`) checks every env file of
 * the workspace, and from then on keeps each closed file's problems, checks it again when it
 * changes on disk or when the index's answers for it change, and keeps a file's problems when it
 * is closed. Open files are the editor's (credentialDiagnostics.ts).
 */
export class WorkspaceEnvCheck implements vscode.Disposable {
  private readonly closed = new Map<string, Checked>();
  private active: vscode.Disposable | undefined;
  private rechecking: Promise<void> | undefined;
  private recheckAgain = false;

  constructor(
    private readonly index: ClientIndex,
    private readonly logins: LoginClientIndex,
    private readonly ignore: GitIgnoreStates,
    private readonly show: (uri: vscode.Uri, findings: readonly Finding[], text: string) => void,
    private readonly clear: (uri: vscode.Uri) => void,
  ) {}

  get isActive(): boolean {
    return this.active !== undefined;
  }

  /** Checks every env file of the workspace, and keeps checking them until {@link stop}. Returns the files. */
  async start(): Promise<vscode.Uri[]> {
    if (!this.active) {
      const watcher = vscode.workspace.createFileSystemWatcher(ENV_FILES_GLOB);
      this.active = vscode.Disposable.from(
        watcher,
        watcher.onDidCreate((uri) => void this.checkIfClosed([uri])),
        watcher.onDidChange((uri) => void this.checkIfClosed([uri])),
        watcher.onDidDelete((uri) => {
          if (this.closed.delete(uri.toString())) this.clear(uri);
        }),
        this.index.onDidChange(() => this.recheck()),
        // Closed files never start a list: they read the login clients already in memory.
        this.logins.onDidChange(() => this.recheckLogins()),
        this.ignore.onDidChange(() => void this.recheckCommittable()),
      );
    }
    const uris = await vscode.workspace.findFiles(ENV_FILES_GLOB, ENV_FILES_EXCLUDE);
    await this.checkIfClosed(uris);
    return uris;
  }

  /** Stops keeping closed files' problems, and drops them. */
  stop(): void {
    this.active?.dispose();
    this.active = undefined;
    for (const { uri } of this.closed.values()) this.clear(uri);
    this.closed.clear();
  }

  /** A document was closed: while active, its problems stay, checked again from the file on disk. */
  closedDocument(uri: vscode.Uri): boolean {
    if (!this.active) return false;
    void this.checkIfClosed([uri]);
    return true;
  }

  /** A document was opened: the editor checks it from now on. */
  openedDocument(uri: vscode.Uri): void {
    this.closed.delete(uri.toString());
  }

  dispose(): void {
    this.active?.dispose();
    this.active = undefined;
  }

  private async checkIfClosed(uris: readonly vscode.Uri[]): Promise<void> {
    const open = openDocuments();
    const files = uris.filter((uri) => !open.has(uri.toString()) && credentialChecksEnabled(uri));
    let needsIndex = false;
    for (let i = 0; i < files.length; i += READ_AT_ONCE) {
      const batch = files.slice(i, i + READ_AT_ONCE);
      const texts = (await currentEnvTexts(batch)).map((file) => file.text);
      // Asked in one turn: one git call for the batch, not one per file.
      const committable = await Promise.all(
        batch.map((uri, j) => texts[j] !== undefined && this.ignore.committable(uri)),
      );
      if (!this.active) return;
      // A file opened meanwhile is the editor's: one look at the open documents for the batch.
      const openNow = openDocuments();
      batch.forEach((uri, j) => {
        const text = texts[j];
        if (text === undefined || openNow.has(uri.toString())) return;
        if (this.check(uri, text, committable[j]!)) needsIndex = true;
      });
    }
    // Files that hold a client ID need the index: list what is older than the refresh window
    // (its change event checks them again) before saying the check is done.
    if (needsIndex) {
      await this.index.fresh();
      // What the fresh lists changed is analysed again in the turns after: wait for it.
      while (this.rechecking) await this.rechecking;
    }
  }

  /** Analyses one closed file and shows its problems; tells whether it holds a client ID. */
  private check(uri: vscode.Uri, text: string, committable: boolean): boolean {
    const recording = new RecordingLookup(this.index.snapshot());
    const analysis = analyzeEnv(
      text,
      envKeyNames(uri),
      recording,
      { committable, oidc: { keys: oidcEnvKeyNames(uri), hostedLogin: this.logins.snapshot() } },
      vscode.l10n.t,
    );
    this.closed.set(uri.toString(), {
      uri,
      text,
      committable,
      asked: recording.asked(),
      logins: analysis.oidcSet ? this.logins.generation : undefined,
    });
    this.show(uri, analysis.findings, text);
    return analysis.reports.some((r) => r.state !== 'empty');
  }

  /**
   * A `.gitignore` changed: asks git about every closed file at once, and analyses again, from the
   * text in memory, only those whose answer changed (the watcher reports their own changes).
   */
  private async recheckCommittable(): Promise<void> {
    const checked = [...this.closed.values()];
    const committable = await Promise.all(checked.map(({ uri }) => this.ignore.committable(uri)));
    if (!this.active) return;
    checked.forEach(({ uri, text }, i) => {
      const now = this.closed.get(uri.toString());
      if (now === checked[i] && now.committable !== committable[i]) this.check(uri, text, committable[i]!);
    });
  }

  /** What is known of Hosted Login changed: the closed files with OIDC keys are analysed again. */
  private recheckLogins(): void {
    for (const checked of [...this.closed.values()]) {
      if (checked.logins !== undefined && checked.logins !== this.logins.generation)
        this.check(checked.uri, checked.text, checked.committable);
    }
  }

  /**
   * The index changed: only the closed files whose answers could change are analysed again, a
   * few per turn of the event loop (a reset secret held by hundreds of files must not hold the
   * extension host while they are analysed). A change while this runs starts it over.
   */
  private recheck(): void {
    if (this.rechecking) {
      this.recheckAgain = true;
      return;
    }
    this.rechecking = (async () => {
      // Not in the turn the list arrived in: its parse and validation had that one.
      await new Promise((resolve) => setImmediate(resolve));
      do {
        this.recheckAgain = false;
        const lookup = this.index.snapshot();
        const due = [...this.closed.values()].filter((checked) => lookup.affects(checked.asked));
        for (const [i, checked] of due.entries()) {
          if (i > 0 && i % CHECKS_PER_TURN === 0) {
            await new Promise((resolve) => setImmediate(resolve));
            if (!this.active || this.recheckAgain) break;
          }
          // Checked again meanwhile (it changed on disk, or was opened and closed): already current.
          if (this.closed.get(checked.uri.toString()) === checked)
            this.check(checked.uri, checked.text, checked.committable);
        }
      } while (this.recheckAgain && this.active);
    })().finally(() => (this.rechecking = undefined));
  }
}

function openDocuments(): Set<string> {
  return new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
}
