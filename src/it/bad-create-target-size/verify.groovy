import static io.github.kvmboot.testing.ItSupport.*
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "BUILD FAILURE", "kvmboot.createTarget = 'abc' (from -Dkvmboot.createTarget on the command line)",
        "is not a size", "Fix: give a size with suffix M, G or T")
assertNotContains("build.log", log, "at io.github.kvmboot", "MojoExecutionException", "NullPointerException")
assert !new File(basedir, "guest.qcow2").exists()
return true
