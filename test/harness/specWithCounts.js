'use strict';
// mocha's spec reporter, plus the run's counts written as JSON to $HARNESS_TEST_RESULTS
// ({"passes","failures","pending","duration"}), so all.mjs can add up the unit tier without
// parsing the report. Used as: mocha --reporter test/harness/specWithCounts.js

const fs = require('node:fs');
const exported = require('mocha');

const Mocha = exported.default || exported;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SpecWithCounts extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = process.env.HARNESS_TEST_RESULTS;
    if (!file) return;
    runner.once(EVENT_RUN_END, () => {
      const { passes = 0, failures = 0, pending = 0, duration = 0 } = this.stats;
      fs.writeFileSync(file, JSON.stringify({ passes, failures, pending, duration }));
    });
  }
}

module.exports = SpecWithCounts;
