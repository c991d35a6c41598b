import static io.github.kvmboot.testing.ItSupport.*
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "BUILD FAILURE", "kvmboot.iso = 'missing.iso' (from -Dkvmboot.iso on the command line)",
        "no file at", "Fix: point kvmboot.iso at the installer ISO")
assertNotContains("build.log", log, "at io.github.kvmboot", "MojoExecutionException", "NullPointerException")
assert !new File(basedir, "guest.qcow2").exists() : "nothing created for a failed plan"
assert !new File(basedir, "target/kvmboot/console.log").exists() : "QEMU must not have started"
return true
