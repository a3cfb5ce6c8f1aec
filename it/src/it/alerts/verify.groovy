import groovy.json.JsonSlurper
import io.github.dbtcloud.it.ItEmulator

def get(emulator, String path) {
  def connection = new URL(emulator.baseUrl().replaceAll('/$', '') + '/' + path).openConnection()
  connection.setRequestProperty('Authorization', 'Token dbtc_it_token_0123456789')
  return new JsonSlurper().parse(connection.inputStream).data
}

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)
  def runs = log.split('Scanning for projects')
  def account = 'api/v2/accounts/70403103900001'

  // run 1, the plan: the hand-made notification of oncall@ is updated, keeping the hand-made job;
  // the others are created with the ids of the jobs created first
  assert runs[1].contains('  # notification "oncall@example.com" (id ')
  assert runs[1].contains('            "id 70403103900101",\n')
  assert runs[1].contains('          + "jaffle_shop/nightly (known after apply)",')
  assert runs[1].contains('  + notification "slack:#data-alerts/C0123ABC" {')
  assert runs[1].contains('  + notification "user:jane@example.com" {')
  assert runs[1].contains('      + user_id    = 70403103900051')
  assert runs[1].contains('  + webhook "pager" {')
  assert runs[1].contains('      + client_url  = "https://hooks.example.com/dbt/it-pager-token"')
  assert runs[1].contains('  + webhook "audit" {')
  assert runs[1].contains('Plan: 7 to add, 1 to change, 0 to destroy.')

  // run 2, apply; run 3, plan: nothing left to do
  assert runs[2].contains('Apply complete! Resources: 7 added, 1 changed, 0 destroyed.')
  assert runs[3].contains('No changes. dbt Cloud matches dbt-cloud.yml.')

  // run 4, weekly leaves the file: out of every notification and webhook, then pruned
  assert runs[4].contains('          - "jaffle_shop/weekly (id ')
  assert runs[4].contains('  ~ webhook "pager" {')
  assert runs[4].contains('  ~ webhook "audit" {')
  assert runs[4].contains('  # job "weekly" (id ')
  assert runs[4].contains('Apply complete! Resources: 0 added, 5 changed, 1 destroyed.')
  assert runs[5].contains('No changes. dbt Cloud matches dbt-cloud-2.yml.')

  // the verification after run 4 names who hears about nightly, in the log and the JUnit report
  assert runs[4].contains('  alerts that watch it:')
  assert runs[4].contains('    notification oncall@example.com: on_failure')
  assert runs[4].contains('    notification slack:#data-alerts/C0123ABC: on_failure')
  assert runs[4].contains('    notification user:jane@example.com: on_success')
  assert runs[4] =~ /    webhook "On-call pager" \(wsu_\w+\): job.run.errored/
  assert runs[4] =~ /    webhook "Run audit" \(wsu_\w+\): job.run.completed, job.run.started/
  def report = new File(basedir, 'target/surefire-reports/TEST-dbt-verification.xml').text
  assert report.contains('name="Alerted by notification oncall@example.com: on_failure"')
  assert report.contains('classname="dbt.verification.alerts"')

  // what dbt Cloud holds at the end
  def jobs = get(emulator, account + '/jobs/?project_id=70403103900002')
  def idOf = { name -> jobs.find { it.name == name }.id }
  long nightly = idOf('Nightly build')
  long hourly = idOf('Hourly refresh')
  assert jobs.every { it.name != 'Weekly report' }
  def notifications = get(emulator, account + '/notifications/')
  assert notifications.size() == 3
  def oncall = notifications.find { it.external_email == 'oncall@example.com' }
  // the hand-made notification survived, with its own job kept beside the file's
  assert oncall.on_failure as Set == [70403103900101L, nightly] as Set
  def slack = notifications.find { it.slack_channel_id == 'C0123ABC' }
  assert slack.type == 2 && slack.on_failure == [nightly] && slack.on_cancel == []
  def jane = notifications.find { it.type == 1 }
  assert jane.user_id == 70403103900051L && jane.on_success == [nightly] && jane.on_failure == [hourly]
  def hooks = get(emulator, 'api/v3/accounts/70403103900001/webhooks/subscriptions')
  assert hooks.size() == 2
  def pager = hooks.find { it.name == 'On-call pager' }
  assert pager.description == '[[pager]]'
  assert pager.job_ids == [String.valueOf(nightly)]
  assert pager.event_types == ['job.run.errored']
  assert !pager.containsKey('hmac_secret')
  def audit = hooks.find { it.name == 'Run audit' }
  assert audit.description == 'Every run of the shop, for the audit log. [[audit]]'
  assert audit.job_ids as Set == ['70403103900101', String.valueOf(nightly), String.valueOf(hourly)] as Set

  // the webhooks' signing secrets are never printed nor written to the plan
  assert !log.contains('hmac')
  assert !new File(basedir, 'target/dbt/plan.json').text.contains('hmac')
  return true
} finally {
  ItEmulator.stop(context)
}
