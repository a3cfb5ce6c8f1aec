import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)
  long busy = context.get('busyRun') as long

  // the plugin says what its run waits for, then follows it to Success
  assert log.contains("  Queued behind run ${busy} of the same job")
  assert log =~ /Run \d+: Success in [0-9.]+ s, [0-9.]+ s of it queued\./

  // in dbt Cloud: our run was dequeued only when the busy run had ended
  def runs = emulator.runs().runsOf(70403103900100L)
  assert runs.size() == 2
  def first = runs[0], ours = runs[1]
  assert first.get('id').asLong() == busy
  assert ours.get('status').asInt() == 10
  assert ours.get('dequeued_at').asText() >= first.get('finished_at').asText()
  assert ours.get('trigger').get('cause').asText().startsWith('Verification by dbt-maven-plugin: io.github.dbtcloud.it:verify-queued-behind-busy-job 1.0')
  return true
} finally {
  ItEmulator.stop(context)
}
