import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // 1st run: apply, then the metric check
  def applied = log.indexOf('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.')
  def checked = log.indexOf('Semantic Layer: 2 OK, 0 failed, 0 missing')
  assert applied >= 0 && checked > applied

  // 2nd and 3rd runs: skipped, saying why
  assert log.contains('Skipping the Semantic Layer check because dbt.metrics.skip = true')
  assert log.contains('Skipping dbt:check-metrics because dbt.metrics.skip = true')

  // only the first run talked to the Semantic Layer: one list and two compilations
  assert emulator.journal().count { it.path() == '/api/graphql' } == 3
  return true
} finally {
  ItEmulator.stop(context)
}
