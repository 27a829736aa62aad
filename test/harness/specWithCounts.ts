// mocha's spec reporter, plus the run's counts written as JSON to $HARNESS_TEST_RESULTS
// ({"passes","failures","pending","duration"}), so the test runner (testAll.ts) can add up a
// tier run by mocha in plain Node without parsing the report.
//   mocha --reporter out/test/harness/specWithCounts.js
import * as fs from 'node:fs';
import Mocha from 'mocha';

class SpecWithCounts extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const file = process.env.HARNESS_TEST_RESULTS;
    if (!file) return;
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes = 0, failures = 0, pending = 0, duration = 0 } = this.stats;
      fs.writeFileSync(file, JSON.stringify({ passes, failures, pending, duration }));
    });
  }
}

export = SpecWithCounts;
