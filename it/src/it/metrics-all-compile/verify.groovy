import io.github.dbtcloud.it.ItEmulator
import javax.xml.parsers.DocumentBuilderFactory

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // both runs: the environment key resolved by name, every metric compiled
  assert log.contains('Semantic Layer check: 3 metric(s) in environment prod "Production" (id 70403103900011)')
  assert log.contains('grouped by metric_time__month, customer__region')
  assert (log =~ /OK +revenue +compiled/).count == 2
  assert (log =~ /OK +margin +compiled/).count == 2
  assert log.count('Semantic Layer: 3 OK, 0 failed, 0 missing') == 2

  // 2nd run: each metric also ran as a one-row query that the warehouse answered
  assert log.contains('each also run as a one-row query')
  assert (log =~ /OK +order_count +compiled, query \w+ SUCCESSFUL/).count == 1

  // the JUnit XML report is valid and holds one test per metric
  def xml = new File(basedir, 'target/surefire-reports/TEST-dbt-metrics.xml')
  def suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml).documentElement
  assert suite.tagName == 'testsuite'
  assert suite.getAttribute('name') == 'dbt-metrics'
  assert suite.getAttribute('tests') == '3'
  assert suite.getAttribute('failures') == '0'
  def cases = suite.getElementsByTagName('testcase')
  assert (0..<cases.length).collect { cases.item(it).getAttribute('name') } == ['revenue', 'order_count', 'margin']

  // the wire: Bearer on every GraphQL call, the grain as the SDK's timeGranularity, the extra dimension
  def graphql = emulator.journal().findAll { it.path() == '/api/graphql' }
  assert graphql.every { it.authScheme() == 'Bearer' && it.status() == 200 }
  def compiles = graphql.findAll { it.body().contains('"operationName":"compileSql"') }
  assert compiles.size() == 6
  assert compiles.every { it.body().contains('{"name":"metric_time","timeGranularity":"month"},{"name":"customer__region"}') }
  assert graphql.count { it.body().contains('"operationName":"createQuery"') } == 3
  assert graphql.findAll { it.body().contains('"operationName":"createQuery"') }.every { it.body().contains('"limit":1') }
  assert !log.contains('dbtc_it_token_0123456789')
  return true
} finally {
  ItEmulator.stop(context)
}
