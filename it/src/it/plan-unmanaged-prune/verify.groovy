import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // run 1, -Ddbt.jobs=nightly: the selected job matches, and a selection never deletes
  def runs = log.split('--- dbt:')
  assert runs[1].contains('No changes. dbt Cloud matches dbt-cloud.yml.')
  assert !runs[1].contains('will be destroyed')

  // run 2, the plan: the dropped job of this namespace goes, nothing else changes
  assert log.contains('  # job "old_report" (id 70403103900103) will be destroyed')
  assert log.contains('Plan: 0 to add, 0 to change, 1 to destroy.')
  // both foreign jobs are reported, by name and id
  assert log.contains('2 unmanaged job(s) in scope (no marker of this file; left untouched):')
  assert log.contains('    jaffle_shop: "Hand made" (id 70403103900101)')
  assert log.contains('    jaffle_shop: "Finance export" (id 70403103900102)')
  assert log.contains('Apply complete! Resources: 0 added, 0 changed, 1 destroyed.')
  assert log.contains('No changes. dbt Cloud matches dbt-cloud.yml.')

  // exactly one write in all three runs: the delete of this namespace's dropped job
  def writes = ItEmulator.writes(emulator)
  assert writes.collect { it.method() + ' ' + it.path() } == ['DELETE /api/v2/accounts/70403103900001/jobs/70403103900103/']
  return true
} finally {
  ItEmulator.stop(context)
}
