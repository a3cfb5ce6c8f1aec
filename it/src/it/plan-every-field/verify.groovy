import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  assert log.contains('Plan: 8 to add, 1 to change, 0 to destroy.')
  assert log.contains('Apply complete! Resources: 8 added, 1 changed, 0 destroyed.')
  // the third run: every field read back equal, so nothing to do (and failOnChanges did not fail)
  assert log.contains('No changes. dbt Cloud matches dbt-cloud.yml.')
  assert !log.contains('BUILD FAILURE')

  // the job chain nightly -> marts -> exposures was created in dependency order in one apply
  def created = (log =~ /job "(\w+)": created/).collect { it[1] }
  assert created.indexOf('nightly') < created.indexOf('marts')
  assert created.indexOf('marts') < created.indexOf('exposures')

  // writes: 1 environment update, 1 environment create, 7 job creates, 1 self-deferral update
  def writes = emulator.journal().findAll { it.isWrite() }
  assert writes.size() == 10 : writes.collect { it.method() + ' ' + it.path() }
  return true
} finally {
  ItEmulator.stop(context)
}
