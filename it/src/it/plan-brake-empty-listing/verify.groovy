import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // run 1: stopped, with the likely cause and the way out
  assert log.contains('The brake stopped the plan: dbt Cloud at http://127.0.0.1:')
  assert log.contains('lists no environment and no job in project jaffle_shop (id 70403103900002), yet dbt-cloud.yml manages 1 environment(s) and 1 job(s) there')
  assert log.contains('a token whose permissions do not cover the project\'s jobs and environments')
  assert log.contains('-Ddbt.allowEmptyProject=true')
  // run 2: the user says the project is new; the plan shows the creates
  assert log.contains('Plan: 2 to add, 0 to change, 0 to destroy.')
  assert emulator.journal().every { !it.isWrite() }
  return true
} finally {
  ItEmulator.stop(context)
}
