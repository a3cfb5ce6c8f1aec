import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // 1st run: the plan, with every create
  assert log.contains('  + environment "ci" {')
  assert log.contains('  + job "nightly" {')
  assert log.contains('  + job "pr_check" {')
  assert log.contains('(known after apply: environment "ci")')
  assert log.contains('Plan: 3 to add, 0 to change, 0 to destroy.')

  // 2nd run: the apply
  assert log.contains('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.')

  // 3rd run: nothing left to do
  assert log.contains('No changes. dbt Cloud matches dbt-cloud.yml.')

  // the token came from settings.xml and never reached the log
  assert !log.contains('dbtc_it_token_0123456789')
  assert emulator.journal().every { it.authScheme() == 'Token' }

  // exactly three writes: one environment and two jobs, each sent once
  def writes = ItEmulator.writes(emulator)
  assert writes.size() == 3 : writes
  return true
} finally {
  ItEmulator.stop(context)
}
