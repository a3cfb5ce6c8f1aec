import io.github.dbtcloud.it.ItEmulator

/** The lines of each plan the build printed, from the first change to the summary, without Maven's prefix. */
def plans(String log) {
  def out = []
  def current = null
  log.readLines().each { line ->
    def text = line.startsWith('[INFO] ') ? line.substring(7) : (line == '[INFO]' ? '' : null)
    if (text == null) return
    if (text.startsWith('Read in ')) { current = [] ; return }
    if (current == null) return
    if (text.startsWith('Plan: ') || text.startsWith('No changes.')) { current << text; out << current.join('\n'); current = null; return }
    current << text
  }
  out
}

try {
  def log = new File(basedir, 'build.log').text
  def emulator = ItEmulator.of(context)
  def printed = plans(log)

  assert printed[0].trim() == new File(basedir, 'expected-plan.txt').text.trim() : printed[0]
  assert log.contains('Apply complete! Resources: 1 added, 1 changed, 0 destroyed.')
  assert printed[2].trim() == '''
1 unmanaged job(s) in scope (no marker of this file; left untouched):
    jaffle_shop: "Hand made" (id 70403103900102)

No changes. dbt Cloud matches dbt-cloud.yml.'''.trim() : printed[2]

  // the hand-made job was never written to
  assert emulator.journal().findAll { it.isWrite() && it.path().contains('70403103900102') }.isEmpty()
  return true
} finally {
  ItEmulator.stop(context)
}
