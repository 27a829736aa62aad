// The tests module the extension host loads (extensionTestsPath, compiled to
// out/test/integration/index.js): runs every *.test.js beside it with mocha.
//
// The extension host replaces console.* with forwarders that cannot be reassigned, so mocha's
// report is teed through its reporter's consoleLog into $HARNESS_TEST_LOG, and the counts go to
// $HARNESS_TEST_RESULTS as {"passes","failures","pending","duration"}. test/harness/runIntegration.ts
// sets both and prints them. $INTEGRATION_GREP (its --grep) runs only the tests whose full title matches it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { promptsWithoutWords } from './helpers/fakeUi';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}

/** Runs every *.test.js in `dir` with mocha, reporting as above (also used by test/activation). */
export async function runTestsIn(dir: string): Promise<void> {
  const logFile = process.env.HARNESS_TEST_LOG;
  const resultsFile = process.env.HARNESS_TEST_RESULTS;
  const Base = Mocha.reporters.Base;
  const consoleLog = Base.consoleLog;
  if (logFile) {
    Base.consoleLog = (...args: unknown[]) => {
      fs.appendFileSync(logFile, `${format(...args)}\n`);
      consoleLog(...args);
    };
  }
  try {
    const grep = process.env.INTEGRATION_GREP;
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, ...(grep ? { grep } : {}) });
    for (const file of fs.readdirSync(dir).sort()) {
      if (file.endsWith('.test.js')) mocha.addFile(path.join(dir, file));
    }
    await mocha.loadFilesAsync();
    // Every prompt a test showed says what it wants: a title and a placeholder (the FakeUi records them).
    mocha.suite.afterAll('every prompt shown had a title and a placeholder', () => {
      if (promptsWithoutWords.size > 0)
        throw new Error(`Prompts without a title or a placeholder:\n${[...promptsWithoutWords].join('\n')}`);
    });
    const failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((failed) => {
        const { passes = 0, failures = 0, pending = 0, duration = 0 } = runner.stats ?? {};
        if (resultsFile)
          fs.writeFileSync(resultsFile, JSON.stringify({ passes, failures, pending, duration }));
        resolve(failed);
      });
    });
    if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
  } finally {
    Base.consoleLog = consoleLog;
  }
}
