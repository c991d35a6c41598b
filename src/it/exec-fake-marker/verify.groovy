import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "The guest command exited with code 5", "BUILD FAILURE")
def result = new groovy.json.JsonSlurper().parse(new File(out, "result.json"))
assert result.outcome == "COMMAND_EXITED"
assert result.commandExitCode == 5
assertNoQemuLeft(out)
return true
