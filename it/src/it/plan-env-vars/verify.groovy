import io.github.dbtcloud.it.ItEmulator

try {
  def secret = 'ghp_it_secret_0123456789'
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // 1st run: every scope planned; the secret only as (sensitive)
  assert log.contains('  + environment_variable "DBT_TARGET" {')
  assert log.contains('      + project    = "dev"')
  assert log.contains('      + Production = "prod"')
  assert log.contains('      + CI         = "ci"')
  assert log.contains('  + environment_variable "DBT_ENV_SECRET_GIT_TOKEN" {')
  assert log.contains('      + Production = (sensitive)')
  assert log.contains('  + job_environment_variable "full_refresh/DBT_TARGET" {')
  assert log.contains('Plan: 6 to add, 0 to change, 0 to destroy.')

  // 2nd run: applied; 3rd run: read back equal, secret included (masked, so only its presence counts)
  assert log.contains('Apply complete! Resources: 6 added, 0 changed, 0 destroyed.')
  assert log.contains('No changes. dbt Cloud matches dbt-cloud.yml.')

  // 4th run: the rotation writes the secret again, and nothing else
  assert log.contains('      ~ Production = (sensitive) -> (sensitive)')
  assert log.contains('Apply complete! Resources: 0 added, 1 changed, 0 destroyed.')

  // the secret went over the wire exactly twice (create, rotation) and never into the log or the plan files
  def carrying = emulator.journal().findAll { it.isWrite() && it.body().contains(secret) }
  assert carrying.collect { it.method() + ' ' + it.path() } == [
      'POST /api/v3/accounts/70403103900001/projects/70403103900002/environment-variables/bulk/',
      'PUT /api/v3/accounts/70403103900001/projects/70403103900002/environment-variables/bulk/'] : carrying
  assert !log.contains(secret)
  assert !new File(basedir, 'target/dbt/plan.json').text.contains(secret)
  assert !new File(basedir, 'target/dbt/plan.md').text.contains(secret)

  // the job override was created for the job the same apply created
  def override = emulator.journal().find { it.method() == 'POST' && it.path().endsWith('/environment-variables/') }
  assert override != null && override.body().contains('"type":"job"') && override.body().contains('"raw_value":"full_refresh"')
  return true
} finally {
  ItEmulator.stop(context)
}
