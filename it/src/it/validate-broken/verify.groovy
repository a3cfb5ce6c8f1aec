def log = new File(basedir, 'build.log').text
def lines = log.readLines()

// every problem, each with file:line:column, the key path, and the fix
def expected = [
  "[ERROR] dbt-cloud.yml:2:16 account.id: expected a numeric id, found 'one'",
  "[ERROR] dbt-cloud.yml:7:39 projects.jaffle_shop.environments.prod.type: 'deploy' is not a valid type; did you mean 'deployment'? use deployment or development",
  "[ERROR] dbt-cloud.yml:9:7 projects.jaffle_shop.env_vars.target: environment variable 'target' must start with DBT_ (dbt Cloud accepts no other names), e.g. DBT_TARGET",
  "[ERROR] dbt-cloud.yml:12:22 projects.jaffle_shop.jobs.nightly.environment: environment 'prd' is not declared in this project; did you mean 'prod'? declared: prod",
  "[ERROR] dbt-cloud.yml:13:9 projects.jaffle_shop.jobs.nightly.execute_step: unknown key 'execute_step'; did you mean 'execute_steps'?",
  "[ERROR] dbt-cloud.yml:14:30 projects.jaffle_shop.jobs.nightly.schedule.cron: the hour field '25' of cron \"0 25 * * *\" is out of range: 25 is not in 0-23",
  "[ERROR] dbt-cloud.yml:18:21 projects.jaffle_shop.jobs.marts.triggers.on_job_completion: job-completion triggers form a cycle: jaffle_shop.marts -> jaffle_shop.marts; each run would trigger the next forever. Remove one of these triggers",
]
expected.each { assert lines.contains(it) : "missing: " + it }
assert log.contains('7 problem(s) in')
assert log.contains('BUILD FAILURE')

// no stack trace: no frames, no exception class names; only Maven's own help link names its exception type
assert !log.contains('at io.github')
assert lines.findAll { it =~ /^\s+at / }.isEmpty()
assert lines.findAll { it.contains('Exception') && !it.contains('cwiki.apache.org/confluence/display/MAVEN/MojoFailureException') }.isEmpty()
return true
