import static io.github.kvmboot.testing.ItSupport.*
import io.github.kvmboot.kernel.BzImage
import io.github.kvmboot.testing.TestGuests
def out = new File(basedir, "target/kvmboot/web")
def log = read(new File(basedir, "build.log"))
def release = BzImage.readRelease(TestGuests.kernel())
assertContains("build.log", log, "guest 'web' ready after", "Tests run: 1, Failures: 0", "\"status\"", "\"running\"",
        "guest 'web' stopped after", "BUILD SUCCESS")
// the order of the lifecycle: ready, then the IT and the qmp goal, then the stop
assert log.indexOf("guest 'web' ready after") < log.indexOf("\"status\"")
assert log.indexOf("\"status\"") < log.indexOf("guest 'web' stopped after")
assert read(new File(basedir, "target/guest-version.txt")).contains(release) : "the guest did not serve its own /proc/version"
assert new File(out, "ports.properties").text.contains("kvmboot.port.8080=")
// the console streams on, each line prefixed with the guest's name
assert log =~ /(?m)^\[INFO\] \[web\] \[\s*\d+\.\d+\] Linux version / : "console lines not prefixed with [web]"
assert !(log =~ /(?m)^\[INFO\] \[\s*\d+\.\d+\] /) : "a console line without the guest's name"
// the exec init's acpid (button + evdev from kvmboot.modules) powers off on stop's ACPI power-down
assert log.contains("Guest stopped on request (QEMU exit code 0)") : "the guest did not power off on ACPI power-down"
assert !log.contains("did not power off within the grace period")
assertNoQemuLeft(out)
return true
