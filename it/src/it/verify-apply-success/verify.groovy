import io.github.dbtcloud.it.ItEmulator
import javax.xml.parsers.DocumentBuilderFactory

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // 1st Maven run: apply, then the verification run of "nightly", followed live
  assert log.contains('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.')
  assert log.contains('Verification: triggering job nightly ("Nightly build", id ')
  assert log.contains('  cause: IT verify-apply-success')
  assert log =~ /Run \d+: http:\/\/127\.0\.0\.1:\d+\/deploy\/70403103900001\/projects\/70403103900002\/runs\/\d+\//
  def lines = log.readLines()
  def order = ['  Queued', '  Running', '    Step 1 Clone git repository: Success',
               '    Step 4 Invoke dbt with `dbt build`: Success']
  def positions = order.collect { want -> lines.findIndexOf { it.contains(want) } }
  assert positions.every { it >= 0 } : positions
  assert positions == positions.sort(false) : 'status changes and steps print in order'
  assert log =~ /Run \d+: Success in [0-9.]+ s/
  assert lines.findIndexOf { it.contains('Apply complete!') } < lines.findIndexOf { it.contains('Verification: triggering') }

  // the JUnit report: one passing case per step
  def report = DocumentBuilderFactory.newInstance().newDocumentBuilder()
      .parse(new File(basedir, 'target/surefire-reports/TEST-dbt-verification.xml')).documentElement
  assert report.getAttribute('name') == 'dbt-verification'
  assert report.getAttribute('tests') == '4'
  assert report.getAttribute('failures') == '0'

  // exactly one trigger, and the run succeeded in the emulator
  def triggers = emulator.journal().findAll { it.method() == 'POST' && it.path().endsWith('/run/') }
  assert triggers.size() == 1 : triggers
  assert triggers[0].body().contains('"cause":"IT verify-apply-success"')
  def polls = emulator.journal().findAll { it.method() == 'GET' && it.path() ==~ /.*\/runs\/\d+\/?/ }
  assert polls.every { it.query().contains('include_related') }
  assert !emulator.journal().any { it.path().endsWith('/cancel/') }

  // 2nd Maven run: dbt:verify skipped by dbt.verify.skip
  assert log.contains('Skipping dbt:verify because dbt.verify.skip = true')
  assert triggers.size() == 1
  assert !log.contains('dbtc_it_token_0123456789')
  return true
} finally {
  ItEmulator.stop(context)
}
