import vscode = require('vscode');
import { analyzeEnv, type EnvAnalysis } from '../env/credentialFindings';
import type { ClientIndex } from '../clients/clientIndex';
import { RecordingLookup, type Asked } from '../clients/clientLookup';
import { ENV_FILE_PATTERNS, ENV_SCHEMES } from '../env/envFiles';
import type { LoginClientIndex } from '../hostedLogin/loginClientIndex';
import { envKeyNames, oidcEnvKeyNames } from '../settings';

/**
 * Env files (src/env/envFiles.ts) and what VS Code calls dotenv, in the schemes of documents a
 * user edits: a `git:` copy shown by quick diff is the same file again, not another to analyse.
 */
export const ENV_SELECTOR: vscode.DocumentSelector = ENV_SCHEMES.flatMap((scheme) => [
  ...ENV_FILE_PATTERNS.map((pattern) => ({ scheme, pattern })),
  { scheme, language: 'dotenv' },
]);

export function isEnvDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(ENV_SELECTOR, document) > 0;
}

interface Cached {
  readonly version: number;
  /** What the analysis asked the index: a change elsewhere in the index leaves it as it is. */
  asked: Asked;
  readonly committable: boolean;
  /** The login index's generation it read, when the file has OIDC keys (others do not read it). */
  readonly logins: number | undefined;
  readonly analysis: EnvAnalysis;
}

/**
 * The analysis of each env document, computed from memory (its text, the client index and, for
 * its OIDC keys, the login client index) and
 * kept until the document, the git state or an answer it got from the index changes, so that
 * diagnostics, lenses, hovers and quick fixes of one version share one computation, and an
 * application's list arriving re-analyses only the files that mention its clients.
 */
export class EnvAnalyses {
  private readonly cache = new Map<string, Cached>();
  private readonly committable = new Map<string, boolean>();

  constructor(
    private readonly index: ClientIndex,
    private readonly logins: LoginClientIndex,
  ) {}

  get(document: vscode.TextDocument): EnvAnalysis {
    return this.current(document) ?? this.analyze(document);
  }

  /** Whether the document's analysis would change: its text, git state or an index answer did. */
  isOutdated(document: vscode.TextDocument): boolean {
    return this.current(document) === undefined;
  }

  private current(document: vscode.TextDocument): EnvAnalysis | undefined {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (
      !cached ||
      cached.version !== document.version ||
      cached.committable !== (this.committable.get(key) ?? false) ||
      (cached.logins !== undefined && cached.logins !== this.logins.generation)
    )
      return undefined;
    const lookup = this.index.snapshot();
    if (lookup.affects(cached.asked)) return undefined;
    // Nothing it asked about changed: it holds for the index as it is now.
    cached.asked = { ...cached.asked, generation: lookup.generation };
    return cached.analysis;
  }

  private analyze(document: vscode.TextDocument): EnvAnalysis {
    const key = document.uri.toString();
    const committable = this.committable.get(key) ?? false;
    const recording = new RecordingLookup(this.index.snapshot());
    const analysis = analyzeEnv(
      document.getText(),
      envKeyNames(document.uri),
      recording,
      {
        committable,
        oidc: { keys: oidcEnvKeyNames(document.uri), hostedLogin: this.logins.snapshot() },
      },
      vscode.l10n.t,
    );
    this.cache.set(key, {
      version: document.version,
      asked: recording.asked(),
      committable,
      logins: analysis.oidcSet ? this.logins.generation : undefined,
      analysis,
    });
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
