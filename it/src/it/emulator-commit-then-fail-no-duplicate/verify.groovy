import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // 1st run: the create was committed but answered 500; apply looks for the job by its marker, finds it, and
  // says what happened instead of failing (or sending the create again)
  def creates = emulator.journal().findAll { it.method() == 'POST' && it.path().endsWith('/jobs/') }
  assert creates.size() == 1 : creates
  assert creates[0].status() == 500
  assert creates[0].fault() == 'commit_then_fail'
  assert log =~ /job "nightly": created \(id \d+\); dbt Cloud's answer was lost \(HTTP 500 to POST [^)]+\) but the create had been committed, so the object was found and adopted/
  assert log.contains('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.')
  assert !log.contains('BUILD FAILURE')

  // 2nd run: the plan finds the job the failed create left behind (by its marker) and plans nothing
  assert log.contains('No changes. dbt Cloud matches dbt-cloud.yml.')
  def jobs = emulator.state().read { s -> s.table('jobs').all() }
  assert jobs.size() == 1 : jobs
  return true
} finally {
  ItEmulator.stop(context)
}
