import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  assert log.contains('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.')
  assert log.contains('    Step 2 Invoke dbt with `dbt build`: Cancelled')
  assert log =~ /\[WARNING\] Run \d+: Cancelled by someone or something other than this build after [0-9.]+ s \(Cancelled by user\.\)/
  assert log =~ /Verification failed: run \d+ of job nightly was cancelled by someone or something other than this build/
  assert log.contains('BUILD FAILURE')
  // this build cancelled nothing
  assert !emulator.journal().any { it.path().endsWith('/cancel/') }
  return true
} finally {
  ItEmulator.stop(context)
}
