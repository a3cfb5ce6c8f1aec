// The shared IT seed, with one metric broken through the emulator's Java API.
def emulator = io.github.dbtcloud.it.ItEmulator.start(basedir, context)
emulator.semanticLayer().breakMetric(70403103900011L, 'margin',
    'Unable to compile metric `margin`: the measure `cost` is not defined in any semantic model.')
return true
