import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // reported as the token problem it is, with the service's words and what to check
  assert log.contains('refused the token for environment 70403103900999 (getMetrics): User is not authorized.')
  assert log.contains("'Semantic Layer Only' and 'Metadata Only' permissions")
  assert log.contains('BUILD FAILURE')
  assert !log.contains('FAILED ') && !log.contains('MISSING ')
  assert !log.contains('dbtc_it_token_0123456789')

  // one refused call and nothing after it: no metric is blamed, no report is written
  def graphql = emulator.journal().findAll { it.path() == '/api/graphql' }
  assert graphql.size() == 1
  assert !new File(basedir, 'target/surefire-reports/TEST-dbt-metrics.xml').exists()
  return true
} finally {
  ItEmulator.stop(context)
}
