import * as vscode from 'vscode';
import { committableFiles } from './gitIgnore';

/**
 * Whether git would commit each env file, looked up once per file and kept until that file is
 * saved or a `.gitignore` changes. The files asked for in one turn (a workspace of env files
 * opening) go to git together: one `git check-ignore --stdin` per repository, not one per file.
 */
export class GitIgnoreStates implements vscode.Disposable {
  private readonly known = new Map<string, Promise<boolean>>();
  private batch: Array<{ uri: vscode.Uri; resolve: (committable: boolean) => void }> = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a `.gitignore` changed: every answer given before may be out of date. */
  readonly onDidChange = this.changed.event;
  /** Watches the `.gitignore`s from the first question on: before it, no answer can be out of date. */
  private watcher: vscode.Disposable | undefined;

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
    }
    return answer;
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
