def log = new File(basedir, 'build.log').text

assert log.count('baseUrl=embedded: talking to a LOCAL dbt Cloud emulator') == 2
assert log.count('grouped by metric_time__week, order__status.') == 2
// one list and three compilations per run: no request needed a retry
assert log.count('Semantic Layer: 3 OK, 0 failed, 0 missing (4 requests).') == 2
assert new File(basedir, 'target/dbt/emulator-state.json').text.contains('"semantic_layer"')
assert new File(basedir, 'target/surefire-reports/TEST-dbt-metrics.xml').exists()
return true
