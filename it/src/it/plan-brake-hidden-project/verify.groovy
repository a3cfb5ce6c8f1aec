import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  assert log.contains('BUILD FAILURE')
  assert log.contains('project jaffle_shop (id 70403103999002, dbt-cloud.yml:5:3): dbt Cloud at http://127.0.0.1:')
  assert log.contains('answered 404 to GET /api/v3/accounts/70403103900001/projects/70403103999002/, so no plan was made.')
  assert log.contains('the token\'s permissions do not cover this project')
  // no plan, no stack trace, and nothing but that one read
  assert !log.contains('will be created')
  assert !log.contains('at io.github.dbtcloud')
  assert emulator.journal().size() == 1
  return true
} finally {
  ItEmulator.stop(context)
}
