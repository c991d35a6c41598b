import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "QEMU: ", "-kernel", "Guest ports:", "ttyS1", "KVMBOOT-IT-OK", "published ttyS1=/dev/pts/", "BUILD SUCCESS")
assertContains("console.log", read(new File(out, "console.log")), "Linux version", "KVMBOOT-IT-OK")
def ptys = new groovy.json.JsonSlurper().parse(new File(out, "ptys.json"))
assert ptys.ttyS1 ==~ /\/dev\/pts\/\d+/
assert ptys.ttyS2 ==~ /\/dev\/pts\/\d+/
assert ptys.monitor ==~ /\/dev\/pts\/\d+/
def result = new groovy.json.JsonSlurper().parse(new File(out, "result.json"))
assert result.outcome == "EXPECT_MATCHED"
assertNoQemuLeft(out)
return true
