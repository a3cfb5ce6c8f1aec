import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // 1st run: waited, then failed naming the holder and the fixes
  assert log.contains('Waiting for the apply lease of project 70403103900002: held by build com.acme:killed 1.0 (ci@old-runner, pid 4242)')
  assert log.contains('Another apply holds the lease of project 70403103900002: build com.acme:killed 1.0 (ci@old-runner, pid 4242)')
  assert log.contains("run 'mvn dbt:unlock' to clear the lease")
  // 2nd run: cleared, saying who held it
  assert log.contains('project jaffle_shop (id 70403103900002): cleared the apply lease held by build com.acme:killed 1.0 (ci@old-runner, pid 4242)')
  // 3rd run: applied under its own lease
  assert log.contains('Holding the apply lease of 1 project(s)')
  assert log.contains('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.')
  // 4th run: nothing left
  assert log.contains('project jaffle_shop (id 70403103900002): no apply lease (DBT_CLOUD_AS_CODE_LEASE) to clear.')

  def leases = emulator.state().read { s -> s.table('environment_variables').all() }
      .findAll { it.path('state').asInt(1) == 1 && it.path('name').asText() == 'DBT_CLOUD_AS_CODE_LEASE' }
  assert leases.isEmpty() : leases
  // the failed apply wrote nothing; the successful one wrote its 3 creates
  def writes = ItEmulator.writes(emulator)
  assert writes.size() == 3 : writes.collect { it.method() + ' ' + it.path() }
  return true
} finally {
  ItEmulator.stop(context)
}
