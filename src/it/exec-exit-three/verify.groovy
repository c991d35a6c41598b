import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "The guest command exited with code 3", "about-to-exit-3", "BUILD FAILURE")
assertNotContains("build.log", log, "at io.github.kvmboot")
def result = new groovy.json.JsonSlurper().parse(new File(out, "result.json"))
assert result.outcome == "COMMAND_EXITED"
assert result.commandExitCode == 3
assertNoQemuLeft(out)
return true
