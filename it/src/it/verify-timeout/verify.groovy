import io.github.dbtcloud.it.ItEmulator
import javax.xml.parsers.DocumentBuilderFactory

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  assert log.contains('  Running')
  assert log.contains('    Step 2 Invoke dbt with `dbt build`: Cancelled')
  assert log =~ /\[WARNING\] Timed out after 2\.0 s waiting for run \d+ \(still Running\); cancelling it in dbt Cloud/
  assert log =~ /\[WARNING\] Cancelled run \d+\./
  assert log =~ /Verification timed out: run \d+ of job nightly did not finish within 2\.0 s; it was cancelled\./
  assert log.contains('BUILD FAILURE')

  // the cancel reached dbt Cloud, once, and the run is cancelled there
  def cancels = emulator.journal().findAll { it.method() == 'POST' && it.path() ==~ /.*\/runs\/\d+\/cancel\/?/ }
  assert cancels.size() == 1 : cancels
  def runId = (cancels[0].path() =~ /runs\/(\d+)\/cancel/)[0][1] as long
  def run = emulator.runs().run(runId)
  assert run.get('status').asInt() == 30
  assert run.get('status_message').asText() == 'Cancelled by user.'

  def report = DocumentBuilderFactory.newInstance().newDocumentBuilder()
      .parse(new File(basedir, 'target/surefire-reports/TEST-dbt-verification.xml'))
  assert report.documentElement.getAttribute('failures') == '1'
  def failure = report.getElementsByTagName('failure').item(0)
  assert failure.parentNode.getAttribute('name') == 'Step 2: Invoke dbt with `dbt build`'
  assert failure.getAttribute('message').contains('was cancelled (timed out after 2.0 s)')
  return true
} finally {
  ItEmulator.stop(context)
}
