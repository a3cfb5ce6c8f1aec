def log = new File(basedir, 'build.log').text

// 1st run: the summary of what the file declares
assert log.contains('[INFO] dbt-cloud.yml is valid: version 1, account 70403103900001, 1 warning.')
assert log.contains('[INFO]   project jaffle_shop (id 70403103900002): 2 environments (prod, ci), 2 jobs (nightly, pr_check), 2 env vars (DBT_TARGET, DBT_ENV_SECRET_GIT_TOKEN)')
assert log.contains('[INFO]   verify: job nightly, timeout 45m')
assert log.contains('[INFO]   semantic_layer: not configured')
assert log.contains('[INFO] Summary: 1 project, 2 environments, 2 jobs, 2 env vars; verify configured, semantic layer not configured.')

// the literal secret is a warning that names it but never shows its value
assert log.contains("[WARNING] dbt-cloud.yml:14:33 projects.jaffle_shop.env_vars.DBT_ENV_SECRET_GIT_TOKEN: the secret DBT_ENV_SECRET_GIT_TOKEN is written in the file")
assert !log.contains('not-from-the-environment')

// offline: no emulator, no token, no request; but the build log still says where goals would talk to
assert !log.contains('LOCAL dbt Cloud emulator')
assert log.contains('[WARNING] baseUrl=embedded: the goals that talk to dbt Cloud use a LOCAL emulator, NOT dbt Cloud; dbt:validate itself works offline.')
assert !log.contains('dbtc_it_token_0123456789')

// 2nd run: the glob merged the second file
assert log.contains('[INFO] 2 files (dbt-cloud.yml, marts.yml) are valid: version 1, account 70403103900001, 1 warning.')
assert log.contains('3 jobs (nightly, pr_check, marts_refresh)')

assert log.count('BUILD SUCCESS') == 2
assert !log.contains('Exception')
return true
