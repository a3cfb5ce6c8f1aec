import io.github.dbtcloud.it.ItEmulator

try {
  def log = new File(basedir, 'build.log').text
  println log
  return true
} finally {
  ItEmulator.stop(context)
}
