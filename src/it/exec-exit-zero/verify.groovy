import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "guest-says-6.1.", "The guest command exited with code 0", "BUILD SUCCESS")
def result = new groovy.json.JsonSlurper().parse(new File(out, "result.json"))
assert result.outcome == "COMMAND_EXITED"
assert result.commandExitCode == 0
assert new File(out, "initramfs").listFiles().any { it.name.startsWith("exec-") }
assertNoQemuLeft(out)
return true
