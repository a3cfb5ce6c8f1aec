import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // 1st run: one prune, one marker update
  assert log.contains('  - job "old" (id 70403103900101) {') || log.contains('- job "old"')
  assert log.contains('Apply complete! Resources: 0 added, 1 changed, 1 destroyed.')
  assert log.contains('3 unmanaged job(s) in scope')

  // 2nd run: the protected job would be destroyed, so there is no plan
  assert log.contains('The plan would destroy 1 protected job(s), so no plan was made:')
  assert log.contains('job "keep" in project jaffle_shop (id 70403103900102, "Keep")')
  assert log.contains('BUILD FAILURE')

  // 3rd run
  assert log.contains('No changes. dbt Cloud matches dbt-cloud.yml.')

  // the writes: the delete of analytics/old and the marker of keep; nothing else in the project was touched
  def writes = ItEmulator.writes(emulator).collect { it.method() + ' ' + it.path() }
  assert writes == ['POST /api/v2/accounts/70403103900001/jobs/70403103900102/',
                    'DELETE /api/v2/accounts/70403103900001/jobs/70403103900101/'] : writes
  def active = emulator.state().read { s -> s.table('jobs').all() }.findAll { it.path('state').asInt(1) == 1 }
  assert active.collect { it.get('id').asLong() }.sort() ==
      [70403103900100L, 70403103900102L, 70403103900103L, 70403103900104L, 70403103900105L]
  def keep = active.find { it.get('id').asLong() == 70403103900102L }
  assert keep.get('description').asText().endsWith(' protected]]')
  return true
} finally {
  ItEmulator.stop(context)
}
