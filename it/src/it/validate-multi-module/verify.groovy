def log = new File(basedir, 'build.log').text

// the parent and the module without a file are skipped with one line each, not failed
assert log.contains('[INFO] Skipping dbt:validate in validate-multi-module: it has no dbt-cloud.yml (set dbt.file to use one elsewhere)')
assert log.contains('[INFO] Skipping dbt:validate in app: it has no dbt-cloud.yml (set dbt.file to use one elsewhere)')
// the module with a file is validated
assert log.contains('[INFO] dbt-cloud.yml is valid: version 1, account 70403103900001.')
assert log.contains('BUILD SUCCESS')
return true
