/**
 * Prints one plain closing line, "N passed, N failed, N skipped", after jest's own summary, so
 * tools that read a run's last line (CI among them) see the counts without parsing jest's format.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}

module.exports = SummaryReporter
