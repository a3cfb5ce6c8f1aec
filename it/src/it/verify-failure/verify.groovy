import io.github.dbtcloud.it.ItEmulator
import javax.xml.parsers.DocumentBuilderFactory

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // 1st Maven run: apply only
  assert log.contains('Skipping the verification run because dbt.verify.skip = true')

  // 2nd Maven run: the failing step, the tail of its log and the failed nodes, then BUILD FAILURE
  assert log.contains('    Step 4 Invoke dbt with `dbt build`: Error')
  assert log.contains('[WARNING] Failing step 4 "Invoke dbt with `dbt build`". Last ')
  assert log.contains('  | ') && log.contains('Done. PASS=')
  assert log.contains('[WARNING] Failed nodes (run_results.json of step 4):')
  assert log.contains('error  model.jaffle_shop.orders: Database Error in model orders (models/orders.sql)')
  assert log.contains("Object 'ANALYTICS.RAW.ORDERS' does not exist or not authorized.")
  assert log.contains('fail   test.jaffle_shop.unique_orders_order_id.fed79b3a6e: Got 2 results, configured to fail if != 0')
  assert log.contains('BUILD FAILURE')
  assert log =~ /Verification failed: run \d+ of job nightly ended in Error at step 4 "Invoke dbt with `dbt build`"; failed nodes: model.jaffle_shop.orders \(error\), test.jaffle_shop.unique_orders_order_id.fed79b3a6e \(fail\)/
  assert emulator.journal().any { it.path().endsWith('/artifacts/run_results.json') && it.query() == 'step=4' }

  // the JUnit report is valid XML and names the failing step
  def xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
      .parse(new File(basedir, 'target/surefire-reports/TEST-dbt-verification.xml'))
  def suite = xml.documentElement
  assert suite.getAttribute('name') == 'dbt-verification'
  assert suite.getAttribute('tests') == '4'
  assert suite.getAttribute('failures') == '1'
  def failures = xml.getElementsByTagName('failure')
  assert failures.length == 1
  def failure = failures.item(0)
  assert failure.parentNode.getAttribute('name') == 'Step 4: Invoke dbt with `dbt build`'
  assert failure.getAttribute('message').contains('model.jaffle_shop.orders (error)')
  assert failure.textContent.contains('Done. PASS=')
  assert failure.textContent.contains('fail   test.jaffle_shop.unique_orders_order_id.fed79b3a6e')
  return true
} finally {
  ItEmulator.stop(context)
}
