import static io.github.kvmboot.testing.ItSupport.*
import io.github.kvmboot.report.ReportXmlCheck

def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "KTAP: 1 of 2 tests failed or crashed", "failed: demo.demo_fails", "BUILD FAILURE")
for (id in ["report-only", "auto"]) {
    def suite = ReportXmlCheck.read(new File(basedir, "target/kvmboot-reports/TEST-kvmboot-" + id + ".xml").toPath())
    assert suite.find("demo.demo_passes").verdict() == "passed"
    def failed = suite.find("demo.demo_fails")
    assert failed.verdict() == "failure"
    assert failed.message() == "demo_fails: EXPECTATION FAILED at demo.c:42"
    assert failed.body().contains("Expected answer == 42, but answer == 41")
    assert suite.find("guest powered off").verdict() == "passed"
    assertNoQemuLeft(new File(basedir, "target/kvmboot-" + id))
}
// report-only ran first and did not stop the build: its report and then the failing execution's exist
assert log.indexOf("TEST-kvmboot-report-only.xml") < log.indexOf("TEST-kvmboot-auto.xml")
return true
