import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)

  // 1st run: the plan, written to target/dbt/plan.json
  assert log.contains('Plan: 11 to add, 1 to change, 0 to destroy.')

  // 2nd run: apply exactly that plan, after checking nothing moved since
  assert log =~ /Applying the saved plan \S+target\/dbt\/plan\.json \(made /
  assert log.contains('Every object is as the saved plan found it; applying it:')
  assert log.contains('Apply complete! Resources: 11 added, 1 changed, 0 destroyed.')
  // the chain nightly -> marts -> exposures was created in dependency order, in one apply
  def created = (log =~ /job "(\w+)": created/).collect { it[1] }
  assert created.indexOf('nightly') < created.indexOf('marts')
  assert created.indexOf('marts') < created.indexOf('exposures')

  // 3rd run: a second apply finds nothing to do and writes nothing
  assert log.contains('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.')

  // 4th run: the plan after it is empty (failOnChanges did not fail)
  assert log.count('No changes. dbt Cloud matches dbt-cloud.yml.') == 2
  assert !log.contains('BUILD FAILURE')

  // every write belongs to the 2nd run: 1 environment update, 1 environment create, 7 job creates and the
  // self-deferral update, 2 variable creates, 1 job override create
  def writes = ItEmulator.writes(emulator)
  assert writes.size() == 13 : writes.collect { it.method() + ' ' + it.path() }
  // full-object updates never send a credentials object, and keep the credentials the file does not manage
  def prod = emulator.state().read { s -> s.table('environments').get(70403103900011L).get() }
  assert prod.get('credentials_id').asLong() == 70403103900020L
  assert writes.every { !it.body().contains('"credentials":{') }
  // the protected job says so in its marker
  def nightly = emulator.state().read { s -> s.table('jobs').all() }.find { it.get('name').asText() == 'Nightly build' }
  assert nightly.get('description').asText().endsWith(' protected]]')
  return true
} finally {
  ItEmulator.stop(context)
}
