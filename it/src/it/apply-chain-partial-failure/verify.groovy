import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // 1st run: the QA environment failed (and the message says plainly it was not created), the job that needs
  // it was skipped, everything else was done; the build failed with that account
  assert log.contains('Apply incomplete: 4 done, 1 failed, 1 skipped. Resources: 4 added, 0 changed, 0 destroyed.')
  assert log.contains('FAILED   environment "qa": dbt Cloud answered HTTP 500 to POST')
  assert log.contains('there is no environment named "QA", so it was not created. Apply again to create it.')
  assert log.contains('skipped  job "qa_nightly": waits for environment "qa", which failed')
  assert log =~ /done     job "c": created \(id \d+\)/
  assert log.contains('BUILD FAILURE')

  // 2nd run: only what was left
  assert log.contains('Plan: 2 to add, 0 to change, 0 to destroy.')
  assert log.contains('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.')
  // 3rd run
  assert log.contains('No changes. dbt Cloud matches dbt-cloud.yml.')

  // the account: one QA environment, four jobs, the chain a <- b <- c by id
  def environments = emulator.state().read { s -> s.table('environments').all() }
  assert environments.count { it.get('name').asText() == 'QA' } == 1
  def jobs = emulator.state().read { s -> s.table('jobs').all() }
  assert jobs.size() == 4 : jobs
  def byKey = jobs.collectEntries { [(it.get('description').asText() =~ /\[\[(\w+)/)[0][1], it] }
  def trigger = { j -> j.get('job_completion_trigger_condition').get('condition').get('job_id').asLong() }
  assert trigger(byKey.b) == byKey.a.get('id').asLong()
  assert trigger(byKey.c) == byKey.b.get('id').asLong()
  return true
} finally {
  ItEmulator.stop(context)
}
