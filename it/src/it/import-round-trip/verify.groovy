import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)
  def first = new File(basedir, 'first.yml')
  def second = new File(basedir, 'second.yml')
  assert first.isFile() && second.isFile()

  // the plan of the file just imported, and of the file imported after adopting: nothing to do
  assert log.count('No changes. dbt Cloud matches first.yml.') == 1 : log
  assert log.count('No changes. dbt Cloud matches second.yml.') == 1 : log
  // adopting showed the plan (a marker onto each of the 7 jobs), then applied it
  assert log.contains('Plan: 0 to add, 7 to change, 0 to destroy.')
  assert log.contains('Apply complete! Resources: 0 added, 7 changed, 0 destroyed.')
  // import after adopt writes the same bytes
  assert first.bytes == second.bytes : "first.yml and second.yml differ"
  // the sixth run refused to overwrite
  assert log.contains('second.yml already exists, and dbt:import never overwrites a file')

  def text = first.text
  // keys from names, references by key, the dbt-jobs-as-code-free account keeps markers in descriptions
  ['nightly_build:', 'marts:', 'exposures:', 'weekdays:', 'pull_request_check:', 'merge:',
   'deferring_to_nightly:', 'production:', 'ci:', 'development:',
   'on_job_completion:', 'job: nightly_build', 'job: marts', 'statuses: [success, error]',
   'defer_to: production', 'schedule: "0 5 * * 1,2,3,4,5"',
   'days_of_week: [1, 2, 3, 4, 5]', 'at_exact_hours: [6, 12, 18]',
   'DBT_TARGET:', 'project: dev', 'deferred',
   '"${env.DBT_ENV_SECRET_WAREHOUSE_PASSWORD}"', '"${env.DBT_ENV_SECRET_GIT_TOKEN_DEFERRING_TO_NIGHTLY}"',
   'description: "Uses $${DBT_TARGET} from the override"',
   '# job 70403103900101 "Nightly build"', 'id: 70403103900101'].each {
    assert text.contains(it) : it + "\n" + text
  }
  // values equal to dbt Cloud's defaults are not written
  assert !text.contains('threads: 1\n') && !text.contains('target_name: default')
  // secrets never: not in the files, not in the log
  ['hunter2-prod', 'ghp_job_secret', 'from-the-ci-secret-store'].each {
    assert !text.contains(it) && !log.contains(it) : it
  }
  // the markers are in dbt Cloud now
  def jobs = emulator.journal().findAll { it.isWrite() && it.path().contains('/jobs/') }
  assert jobs.size() == 7 : jobs.collect { it.method() + ' ' + it.path() }
  assert jobs.every { it.body().contains('[[') }
  return true
} finally {
  ItEmulator.stop(context)
}
