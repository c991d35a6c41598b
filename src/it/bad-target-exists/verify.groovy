import static io.github.kvmboot.testing.ItSupport.*
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "BUILD FAILURE", "kvmboot.createTarget = '6G' (from -Dkvmboot.createTarget on the command line)",
        "would replace the existing file", "guest.img", "never overwrites", "Fix: drop kvmboot.createTarget")
assertNotContains("build.log", log, "at io.github.kvmboot", "MojoExecutionException", "NullPointerException")
assert new File(basedir, "guest.img").text == "an installed system that must survive"
assert !new File(basedir, "target/kvmboot/console.log").exists() : "QEMU must not have started"
return true
