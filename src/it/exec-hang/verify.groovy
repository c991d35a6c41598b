import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "No console output for 10 s", "going-quiet", "BUILD FAILURE")
def result = new groovy.json.JsonSlurper().parse(new File(out, "result.json"))
assert result.outcome == "NO_OUTPUT"
assert result.commandExitCode == null
assertNoQemuLeft(out)
return true
