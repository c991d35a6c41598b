import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "Timed out after 20 s", "KVMBOOT-NEVER-PRINTED", "KVMBOOT-SOMETHING-ELSE", "BUILD FAILURE")
assertNotContains("build.log", log, "at io.github.kvmboot")
def result = new groovy.json.JsonSlurper().parse(new File(out, "result.json"))
assert result.outcome == "TIMED_OUT"
assertNoQemuLeft(out)
return true
