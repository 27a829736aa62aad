import * as vscode from 'vscode';
import { analyzeEnv, type EnvAnalysis } from '../env/credentialFindings';
import type { ClientIndex } from '../clients/clientIndex';
import { envKeyNames } from '../settings';

/** Env files: `.env`, `.env.*` (`.env.local`, `.env.example`) and what VS Code calls dotenv. */
export const ENV_SELECTOR: vscode.DocumentSelector = [
  { pattern: '**/.env' },
  { pattern: '**/.env.*' },
  { language: 'dotenv' },
];

export function isEnvDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(ENV_SELECTOR, document) > 0;
}

interface Cached {
  readonly version: number;
  readonly snapshot: object;
  readonly committable: boolean;
  readonly analysis: EnvAnalysis;
}

/**
 * The analysis of each env document, computed from memory (its text and the index snapshot) and
 * kept until the document, the snapshot or the git state changes, so that diagnostics, lenses,
 * hovers and quick fixes of one version share one computation.
 */
export class EnvAnalyses {
  private readonly cache = new Map<string, Cached>();
  private readonly committable = new Map<string, boolean>();

  constructor(private readonly index: ClientIndex) {}

  get(document: vscode.TextDocument): EnvAnalysis {
    const key = document.uri.toString();
    const snapshot = this.index.snapshot();
    const committable = this.committable.get(key) ?? false;
    const cached = this.cache.get(key);
    if (
      cached &&
      cached.version === document.version &&
      cached.snapshot === snapshot &&
      cached.committable === committable
    ) {
      return cached.analysis;
    }
    const analysis = analyzeEnv(
      document.getText(),
      envKeyNames(document.uri),
      snapshot,
      { committable },
      vscode.l10n.t,
    );
    this.cache.set(key, { version: document.version, snapshot, committable, analysis });
    return analysis;
  }

  /** Records whether git would commit the file (looked up on open and save, not on a keystroke). */
  setCommittable(uri: vscode.Uri, committable: boolean): void {
    this.committable.set(uri.toString(), committable);
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
    this.committable.delete(uri.toString());
  }

  /** Drops every cached analysis (the key names or another setting changed). */
  clear(): void {
    this.cache.clear();
  }
}
