import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "environment variable KVM_BOOT_MEM", "environment variable KVM_BOOT_KERNEL",
        "-m 512M", "-smp 1", "-accel tcg", "kvmboot_env_marker=1", "KVMBOOT-ENV-OK", "BUILD SUCCESS")
assertContains("console.log", read(new File(out, "console.log")), "kvmboot_env_marker=1", "KVMBOOT-ENV-OK")
def result = new groovy.json.JsonSlurper().parse(new File(out, "result.json"))
assert result.outcome == "GUEST_EXITED"
assert result.exitCode == 0
assertNoQemuLeft(out)
return true
