import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "Kernel panic - not syncing", "sysrq", "about-to-panic", "BUILD FAILURE")
assertNotContains("build.log", log, "at io.github.kvmboot")
def result = new groovy.json.JsonSlurper().parse(new File(out, "result.json"))
assert result.outcome == "FAIL_PATTERN"
assertNoQemuLeft(out)
return true
