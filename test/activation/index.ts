// The tests module of the activation runs (test/harness/runActivation.ts): each run is a fresh
// VS Code whose extension host has not activated the extension, and opens one env file.
import { runTestsIn } from '../integration/index';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}
