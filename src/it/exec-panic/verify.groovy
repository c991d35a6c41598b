import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "before-the-panic", "Kernel panic - not syncing", "GUEST_PANICKED", "BUILD FAILURE")
def result = new groovy.json.JsonSlurper().parse(new File(out, "result.json"))
assert result.guestPanicked == true
assert result.qmpEvents.contains("GUEST_PANICKED")
assert result.commandExitCode == null
assert result.excerpt.any { it.contains("Kernel panic - not syncing") }
assertNoQemuLeft(out)
return true
