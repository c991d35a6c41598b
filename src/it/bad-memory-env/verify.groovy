import static io.github.kvmboot.testing.ItSupport.*
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "BUILD FAILURE", "KVM_BOOT_MEM", "abc")
assertNotContains("build.log", log, "at io.github.kvmboot", "MojoExecutionException", "NullPointerException")
assert !new File(basedir, "target/kvmboot/console.log").exists() : "QEMU must not have started"
return true
