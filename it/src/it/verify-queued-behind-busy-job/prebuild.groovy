import io.github.dbtcloud.it.ItEmulator
import java.time.Duration

ItEmulator.start(basedir, context)
// a run of the job is already in progress when the build starts; it ends 2 s after ours has queued behind it
context.put('busyRun', ItEmulator.startBusyRun(context, 'Nightly build', Duration.ofSeconds(2)))
return true
