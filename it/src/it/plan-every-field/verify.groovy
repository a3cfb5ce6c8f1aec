import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // environment "ci", variable DBT_TARGET, 10 jobs and one job override created; "prod" updated
  assert log.contains('Plan: 13 to add, 1 to change, 0 to destroy.')
  assert log.contains('Apply complete! Resources: 13 added, 1 changed, 0 destroyed.')
  // the third run: every field read back equal, so nothing to do (and failOnChanges did not fail)
  assert log.contains('No changes. dbt Cloud matches dbt-cloud.yml.')
  assert !log.contains('BUILD FAILURE')

  // ids of other objects are shown with the key they resolve to
  assert log.contains('      + environment_id = 70403103900011 (environment "prod")')
  assert log.contains('      + deferring_job_definition_id = (known after apply: job "nightly")')
  assert log.contains('              + job_id     = 70403103900102')

  // the job chain nightly -> marts -> exposures was created in dependency order in one apply
  def created = (log =~ /job "(\w+)": created/).collect { it[1] }
  assert created.indexOf('nightly') < created.indexOf('marts')
  assert created.indexOf('marts') < created.indexOf('exposures')

  // every environment field went out as the file says
  def ciCreate = emulator.journal().find { it.method() == 'POST' && it.path().endsWith('/environments/') }
  ['"primary_profile_id":70403103900040', '"use_custom_branch":true', '"custom_branch":"main"',
   '"supports_docs":false', '"enable_dbt_state":false', '"extended_attributes_id":70403103900030'].each {
    assert ciCreate.body().contains(it) : it
  }
  // the hand-made job was chained after by id, and never written to
  assert emulator.journal().any { it.method() == 'POST' && it.body().contains('"job_id":70403103900102') }
  assert emulator.journal().findAll { it.isWrite() && it.path().contains('70403103900102') }.isEmpty()

  // writes: 1 environment update, 1 environment create, 1 variable, 10 job creates, 1 self-deferral
  // update, 1 job override
  def writes = ItEmulator.writes(emulator)
  assert writes.size() == 15 : writes.collect { it.method() + ' ' + it.path() }
  return true
} finally {
  ItEmulator.stop(context)
}
