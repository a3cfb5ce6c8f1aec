import io.github.dbtcloud.it.ItEmulator
import javax.xml.parsers.DocumentBuilderFactory

try {
  def log = new File(basedir, 'build.log').text

  // each metric's verdict, the broken one with the server's own words
  assert log =~ /OK +revenue +compiled/
  assert log =~ /OK +order_count +compiled/
  assert log =~ /FAILED +margin +Unable to compile metric `margin`: the measure `cost` is not defined in any semantic model\./
  assert log.contains('Semantic Layer: 2 OK, 1 failed, 0 missing')

  // the build fails naming the metric and quoting the error, without a stack trace
  assert log.contains('BUILD FAILURE')
  assert log.contains('Semantic Layer check failed in environment prod "Production" (id 70403103900011): 2 OK, 1 failed, 0 missing of 3 metric(s).')
  assert log.contains('- margin FAILED: Unable to compile metric `margin`: the measure `cost` is not defined in any semantic model.')
  assert log.contains('change semantic_layer.metrics (dbt-cloud.yml:')
  assert !log.contains('at io.github.dbtcloud')

  // the report says the same to the CI server
  def xml = new File(basedir, 'target/surefire-reports/TEST-dbt-metrics.xml')
  def suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml).documentElement
  assert suite.getAttribute('tests') == '3'
  assert suite.getAttribute('failures') == '1'
  def failure = suite.getElementsByTagName('failure').item(0)
  assert failure.parentNode.getAttribute('name') == 'margin'
  assert failure.getAttribute('message') == 'FAILED: Unable to compile metric `margin`: the measure `cost` is not defined in any semantic model.'
  return true
} finally {
  ItEmulator.stop(context)
}
