import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "Kernel panic - not syncing", "sysrq", "about-to-panic", "BUILD FAILURE")
assertNotContains("build.log", log, "at io.github.kvmboot")
def result = new groovy.json.JsonSlurper().parse(new File(out, "result.json"))
assert result.outcome == "FAIL_PATTERN"
assertNoQemuLeft(out)
// the report: the panic (after init) fails the final stage and quotes the console
def suite = io.github.kvmboot.report.ReportXmlCheck.read(
        new File(basedir, "target/kvmboot-reports/TEST-kvmboot-default-cli.xml").toPath())
assert suite.cases().collect { it.name() + "=" + it.verdict() } ==
        ["QEMU started=passed", "kernel entered=passed", "init reached=passed", "expect matched=failure"]
def crash = suite.find("expect matched")
assert crash.message().contains("Kernel panic - not syncing")
assertContains("failure body", crash.body(), "Kernel panic - not syncing", "sysrq")
return true
