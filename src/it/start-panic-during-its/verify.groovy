import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot/web")
def log = read(new File(basedir, "build.log"))
// the IT itself passed: the failure is stop's, with the panic quoted from the console
assertContains("build.log", log, "guest 'web' ready after", "Tests run: 1, Failures: 0, Errors: 0",
        "sysrq: Trigger a crash", "Kernel panic", "BUILD FAILURE")
def failure = log.substring(log.indexOf("BUILD FAILURE"))
assertContains("the failure", failure, "kvmboot-maven-plugin", ":stop (web-down)", "Guest 'web'", "Kernel panic")
assertNotContains("build.log", log, "guest 'web' stopped after")
assertNoQemuLeft(out)
return true
