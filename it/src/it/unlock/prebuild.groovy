import io.github.dbtcloud.it.ItEmulator

def emulator = ItEmulator.start(basedir, context)
// an apply of another build was killed a minute ago: its lease is still held for an hour
ItEmulator.plantLease(emulator, 70403103900001L, 70403103900002L, 'dbtc_it_token_0123456789', 'com.acme:killed 1.0')
return true
