import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot/closed")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, ":start (closed)", "kvmboot.timeout = '90'", "was not ready within 90 s",
        "still waiting for guest port 9999", "the guest was stopped", "BUILD FAILURE")
assertNotContains("build.log", log, ":stop (closed-down)")
assert !new File(out, "qemu.pid").exists() : "pid file left: QEMU not stopped"
assertNoQemuLeft(out)
return true
