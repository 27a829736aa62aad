import vscode = require('vscode');
import { committableFiles } from './gitIgnore';
import { ENV_FILES_EXCLUDE, ENV_FILES_GLOB } from '../env/envFiles';

/** At most this many env files are asked about ahead of time. */
const MAX_ASKED_AHEAD = 5000;

/**
 * Whether git would commit each env file, looked up once per file and kept until that file is
 * saved or a `.gitignore` changes. The files asked for in one turn (a workspace of env files
 * opening) go to git together: one `git check-ignore --stdin` per repository, not one per file.
 * The first question (and the first after a `.gitignore` changed) also asks, in a second batch,
 * about every other env file of the workspace: opening them one by one afterwards starts no git
 * process. Starting one costs the extension host a freeze that grows with its memory (200 ms
 * measured with 100,000 clients listed), so it is done once, not once per file.
 */
export class GitIgnoreStates implements vscode.Disposable {
  private readonly known = new Map<string, Promise<boolean>>();
  private batch: Array<{ uri: vscode.Uri; resolve: (committable: boolean) => void }> = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a `.gitignore` changed: every answer given before may be out of date. */
  readonly onDidChange = this.changed.event;
  /** Watches the `.gitignore`s from the first question on: before it, no answer can be out of date. */
  private watcher: vscode.Disposable | undefined;
  /** Whether every env file of the workspace was asked about since the last `.gitignore` change. */
  private everyEnvFileAsked = false;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  committable(uri: vscode.Uri): Promise<boolean> {
    const key = uri.toString();
    let answer = this.known.get(key);
    if (!answer) {
      this.watcher ??= this.watchGitIgnores();
      answer = new Promise<boolean>((resolve) => {
        if (this.batch.length === 0) setImmediate(() => void this.lookUp());
        this.batch.push({ uri, resolve });
      });
      this.known.set(key, answer);
      if (!this.everyEnvFileAsked) {
        this.everyEnvFileAsked = true;
        void this.askAboutEveryEnvFile();
      }
    }
    return answer;
  }

  private async askAboutEveryEnvFile(): Promise<void> {
    try {
      const uris = await vscode.workspace.findFiles(ENV_FILES_GLOB, ENV_FILES_EXCLUDE, MAX_ASKED_AHEAD);
      for (const uri of uris) void this.committable(uri);
    } catch (error) {
      // Only ahead of time: each file is still asked about when it is opened.
      this.log.debug(
        `Listing the env files for git failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** The file changed (saved, renamed): look it up again next time. */
  forget(uri: vscode.Uri): void {
    this.known.delete(uri.toString());
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changed.dispose();
  }

  private watchGitIgnores(): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.gitignore');
    const reset = () => {
      this.known.clear();
      this.everyEnvFileAsked = false;
      this.changed.fire();
    };
    return vscode.Disposable.from(
      watcher,
      watcher.onDidChange(reset),
      watcher.onDidCreate(reset),
      watcher.onDidDelete(reset),
    );
  }

  private async lookUp(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    const committable = new Set(
      (
        await committableFiles(
          batch.map((b) => b.uri),
          this.log,
        )
      ).map((c) => c.uri.toString()),
    );
    for (const { uri, resolve } of batch) resolve(committable.has(uri.toString()));
  }
}
