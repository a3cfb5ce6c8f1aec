import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  assert log.contains('~ threads = 4 -> 8')
  // 2nd run: another file than the one planned
  assert log.contains('The desired state changed since the plan was made: [hand-edit.yml] hash to sha256 ')
  // 4th run: the job moved since the plan
  assert log.contains('is stale: 1 object(s) differ from what it was made from:')
  assert log =~ /jaffle_shop\.job\.nightly \(id 70403103900100\): changed in dbt Cloud after the plan was made \(updated_at [^)]+\): description, settings\.threads/
  assert log.count('Nothing was written. Run \'mvn dbt:plan\' again, review it, and apply the new plan.') == 2

  // the only write is the 3rd run's update; both refused applies wrote nothing
  def writes = ItEmulator.writes(emulator)
  assert writes.size() == 1 : writes.collect { it.method() + ' ' + it.path() }
  def nightly = emulator.state().read { s -> s.table('jobs').get(70403103900100L).get() }
  assert nightly.get('settings').get('threads').asInt() == 6
  return true
} finally {
  ItEmulator.stop(context)
}
