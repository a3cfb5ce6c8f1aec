import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  assert log.contains('Note: some objects were changed in dbt Cloud outside dbt-cloud.yml; the plan puts the file\'s values back')
  assert log.contains('  # job "nightly" (id 70403103900101) will be updated in place (it was changed outside dbt-cloud.yml)')
  // the step is the file's own change; the threads were changed by hand in dbt Cloud
  assert log.contains('      ~ execute_steps = [')
  assert !log.contains('~ execute_steps = [ # changed outside')
  assert log.contains('          ~ threads = 4 -> 8 # changed outside dbt-cloud.yml')
  // failOnChanges turns the drift into a failed build that says what happened
  assert log.contains('BUILD FAILURE')
  assert log.contains('and dbt.failOnChanges = true')
  assert log.contains('Some of it was changed in dbt Cloud by hand.')
  // plan.json says it too
  def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/dbt/plan.json'))
  def fields = json.resource_changes.find { it.key == 'nightly' }.fields
  assert fields.find { it.path == 'execute_steps' }.origin == 'file'
  assert fields.find { it.path == 'settings.threads' }.origin == 'outside'
  assert json.summary.drift == true
  assert emulator.journal().every { !it.isWrite() }
  return true
} finally {
  ItEmulator.stop(context)
}
