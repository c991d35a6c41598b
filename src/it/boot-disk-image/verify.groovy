import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "booting the bootloader of", "format=raw", "KVMBOOT-DISK-IT", "BUILD SUCCESS")
def qemuLine = log.readLines().find { it.contains("QEMU: ") }
assert qemuLine != null && !qemuLine.contains(" -kernel ") : qemuLine
assertContains("console.log", read(new File(out, "console.log")), "SYSLINUX", "Linux version", "KVMBOOT-DISK-IT")
def result = new groovy.json.JsonSlurper().parse(new File(out, "result.json"))
assert result.outcome == "EXPECT_MATCHED"
assertNoQemuLeft(out)
return true
