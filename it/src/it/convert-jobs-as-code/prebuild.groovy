io.github.dbtcloud.it.ItEmulator.start(basedir, context)
return true
