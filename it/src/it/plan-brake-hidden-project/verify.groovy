import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  assert log.contains('BUILD FAILURE')
  assert log.contains('project jaffle_shop (id 70403103999002, dbt-cloud.yml:5:3): dbt Cloud at http://127.0.0.1:')
  assert log.contains('answered 404 to GET /api/v3/accounts/70403103900001/projects/70403103999002/, so no plan was made.')
  assert log.contains('the token\'s permissions do not cover this project')
  // no plan, no stack trace, and nothing but reads: the project read, and the listings that start
  // beside it (they start before the project answers, to save a round trip)
  assert !log.contains('will be created')
  assert !log.contains('at io.github.dbtcloud')
  def journal = emulator.journal()
  assert journal.any { it.path() == '/api/v3/accounts/70403103900001/projects/70403103999002/' } : journal
  assert journal.every { it.method() == 'GET' } : journal
  assert journal.size() <= 3 : journal
  return true
} finally {
  ItEmulator.stop(context)
}
