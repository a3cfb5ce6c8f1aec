import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  assert log.contains('Apply complete! Resources: 13 added, 1 changed, 0 destroyed.')
  assert log.contains('No changes. dbt Cloud matches imported.yml.') : log
  assert !log.contains('BUILD FAILURE')

  def text = new File(basedir, 'imported.yml').text
  // every field the applied file set, read back from dbt Cloud and written again; the hand-made job
  // is imported too, so the chain after it refers to it by key
  ['name: Production', 'deployment_type: production', 'credentials_id: 70403103900020',
   'connection_id: 70403103900004', 'supports_docs: true', 'enable_model_query_history: true',
   'enable_dbt_state: true', 'name: CI', 'deployment_type: staging', 'extended_attributes_id: 70403103900030',
   'primary_profile_id: 70403103900040', 'custom_branch: main',
   'DBT_TARGET:', 'project: dev', 'production: prod', 'ci: ci',
   'name: Nightly build', 'description: Builds and tests every model each morning.',
   'execute_steps: [dbt source freshness, dbt build]', 'dbt_version: latest', 'threads: 8',
   'target_name: prod', 'timeout_seconds: 3600', 'generate_docs: true', 'run_generate_sources: true',
   'schedule: "0 5 * * 1,2,3,4,5"', 'cost_optimization_features:',
   'days_of_week: [1, 2, 3, 4, 5]', 'at_exact_hours: [6, 12, 18]', 'every_n_hours: 4', 'enabled: false',
   'job: nightly', 'statuses: [success]', 'job: marts', 'statuses: [success, error]',
   'job: hand_made', 'statuses: [success, error, canceled]',
   'git_provider_webhook: true', 'on_draft_pr: true', 'defer_to: production', 'run_compare_changes: true',
   'compare_changes_flags: "--select state:modified+"', 'run_lint: true', 'errors_on_lint_failure: false',
   'on_merge: true', 'job: self', 'DBT_TARGET: deferred'].each {
    assert text.contains(it) : it + "\n" + text
  }
  return true
} finally {
  ItEmulator.stop(context)
}
