import groovy.json.JsonSlurper
import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def converted = new File(basedir, 'jobs.dbt-cloud.yml')

  // 1. the converted file, beside the original, in the plugin's format
  assert converted.isFile()
  def text = converted.text
  assert text.contains('version: 1')
  assert text.contains('marker: jobs-as-code')
  assert text.contains('dbt_version: null')
  assert log.contains('Converted jobs.yml to')

  // 2, 3. the same changes, with the same bodies
  def original = new JsonSlurper().parse(new File(basedir, 'target/original/plan.json'))
  def fromConverted = new JsonSlurper().parse(new File(basedir, 'target/converted/plan.json'))
  assert !original.resource_changes.isEmpty()
  assert fromConverted.resource_changes == original.resource_changes

  // 5. after the original's apply, the converted file plans nothing
  assert log.contains('No changes. dbt Cloud matches jobs.dbt-cloud.yml.')

  // 6. never overwritten without force
  assert log.contains('jobs.dbt-cloud.yml already exists, and -Ddbt.convert never overwrites a file')
  assert converted.text == text
  return true
} finally {
  ItEmulator.stop(context)
}
