import static io.github.kvmboot.testing.ItSupport.*
import io.github.kvmboot.kernel.BzImage
import io.github.kvmboot.testing.TestGuests
def log = read(new File(basedir, "build.log"))
def release = BzImage.readRelease(TestGuests.kernel())
assertContains("build.log", log, "Using the MultiThreadedBuilder", "BUILD SUCCESS")
assert log.count("guest 'web' ready after") == 4 : "not four guests ready"
assert log.count("guest 'web' stopped after") == 4 : "not four guests stopped"
def modules = (1..4).collect { new File(basedir, "m" + it) }
def ports = modules.collect { m ->
    assert read(new File(m, "target/guest-version.txt")).contains(release) : m.name + ": the guest did not serve its /proc/version"
    assert new File(m, "target/failsafe-reports/failsafe-summary.xml").text.contains("<completed>1</completed>")
    def p = new Properties()
    new File(m, "target/kvmboot/web/ports.properties").withInputStream { p.load(it) }
    assertNoQemuLeft(new File(m, "target/kvmboot/web"))
    p.getProperty("kvmboot.port.8080")
}
assert ports.toSet().size() == 4 : "host ports collided: " + ports
def macs = (log =~ /mac=([0-9a-f:]{17})/).collect { it[1] }.toSet()
assert macs.size() == 4 : "MACs collided: " + macs
return true
