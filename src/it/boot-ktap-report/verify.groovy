import static io.github.kvmboot.testing.ItSupport.*
import io.github.kvmboot.report.ReportXmlCheck

def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "kvmboot: report ", "TEST-kvmboot-kunit-first.xml", "TEST-kvmboot-kunit-second.xml",
        "BUILD SUCCESS")

// Counts straight from the console, without the plugin's parser: a result line is a test case (a leaf)
// unless the result line before it was indented deeper (then it closes a suite or a parameterized test).
def consoleCounts(File console) {
    // kunitTotal: KUnit's own "# Totals: ... total:N" per suite; it prints none for a one-test suite
    def counts = [passed: 0, failed: 0, skipped: 0, kunitTotal: 0]
    int previousIndent = -1
    boolean suiteTotalsSeen = false
    console.eachLine { raw ->
        def line = raw.replaceFirst(/^\[[^\]]*\] ?/, '')
        def result = line =~ /^( *)(ok|not ok) \d+ (.*)$/
        if (result) {
            int indent = result[0][1].length()
            if (indent == 0 && previousIndent > 0) {
                if (!suiteTotalsSeen) counts.kunitTotal++
                suiteTotalsSeen = false
            }
            if (indent > 0 && !(previousIndent > indent)) {
                if (result[0][3].contains("# SKIP")) counts.skipped++
                else if (result[0][2] == "ok") counts.passed++
                else counts.failed++
            }
            previousIndent = indent
        }
        def totals = line =~ /# Totals: pass:\d+ fail:\d+ skip:\d+ total:(\d+)/
        if (totals) {
            counts.kunitTotal += totals[0][1] as int
            suiteTotalsSeen = true
        }
    }
    return counts
}

for (id in ["first", "second"]) {
    def out = new File(basedir, "target/kvmboot-" + id)
    def xml = new File(basedir, "target/kvmboot-reports/TEST-kvmboot-kunit-" + id + ".xml")
    assert xml.isFile() : "no " + xml
    assert new File(basedir, "target/kvmboot-reports/kvmboot-kunit-" + id + ".json").isFile()
    def suite = ReportXmlCheck.read(xml.toPath())
    assert suite.name() == "kvmboot-kunit-" + id
    def counts = consoleCounts(new File(out, "console.log"))
    println "kunit-" + id + ": console " + counts + ", report tests=" + suite.tests()
    assert counts.passed > 10 && counts.skipped > 0
    def ktapClass = "kvmboot-kunit-" + id + ".ktap"
    assert suite.count(ktapClass, "passed") == counts.passed
    assert suite.count(ktapClass, "failure") == counts.failed
    assert suite.count(ktapClass, "skipped") == counts.skipped
    assert suite.count(ktapClass, "error") == 0
    assert counts.passed + counts.failed + counts.skipped == counts.kunitTotal
    def bootClass = "kvmboot-kunit-" + id + ".boot"
    assert suite.cases().findAll { it.className() == bootClass }.collect { it.name() + "=" + it.verdict() } ==
            ["QEMU started=passed", "kernel entered=passed", "init reached=passed", "guest powered off=passed"]
    assert suite.find("example.example_simple_test").verdict() == "passed"
    assert suite.systemOut().contains("Linux version")
    assertNoQemuLeft(out)
}
assert new File(basedir, "target/kvmboot-reports").list().sort() ==
        ["TEST-kvmboot-kunit-first.xml", "TEST-kvmboot-kunit-second.xml", "kvmboot-kunit-first.json",
         "kvmboot-kunit-second.json"]
return true
