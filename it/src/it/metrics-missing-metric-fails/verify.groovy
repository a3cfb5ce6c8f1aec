import io.github.dbtcloud.it.ItEmulator
import javax.xml.parsers.DocumentBuilderFactory

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  assert log =~ /OK +revenue +compiled/
  assert log =~ /MISSING +churn_rate +no metric named 'churn_rate' in the Semantic Layer of environment 70403103900011; it serves revenue, order_count, margin/
  assert log.contains('BUILD FAILURE')
  assert log.contains('1 OK, 0 failed, 1 missing of 2 metric(s).')
  assert log.contains("- churn_rate MISSING: no metric named 'churn_rate'")

  // a missing metric is not sent to compileSql
  def compiles = emulator.journal().findAll { it.path() == '/api/graphql' && it.body().contains('"operationName":"compileSql"') }
  assert compiles.size() == 1 && compiles[0].body().contains('"metrics":[{"name":"revenue"}]')

  def xml = new File(basedir, 'target/surefire-reports/TEST-dbt-metrics.xml')
  def suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml).documentElement
  assert suite.getAttribute('tests') == '2'
  assert suite.getAttribute('failures') == '1'
  assert suite.getElementsByTagName('failure').item(0).parentNode.getAttribute('name') == 'churn_rate'
  return true
} finally {
  ItEmulator.stop(context)
}
