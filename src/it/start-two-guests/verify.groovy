import static io.github.kvmboot.testing.ItSupport.*
def base = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "guest 'a' ready after", "guest 'b' ready after", ":qmp (status-of-b)",
        "guest 'a' stopped after", "guest 'b' stopped after", "BUILD SUCCESS")
def ports = ["a", "b"].collect { name ->
    def p = new Properties()
    new File(base, name + "/ports.properties").withInputStream { p.load(it) }
    p.getProperty("kvmboot.port.8080")
}
assert ports[0] != null && ports[1] != null && ports[0] != ports[1] : "the two guests share a host port: " + ports
// the qmp goal reached b's QEMU: its usernet table lists b's forward, not a's
def qmpOut = log.substring(log.indexOf(":qmp (status-of-b)"), log.indexOf(":stop (both-down)"))
assert qmpOut.contains("HOST_FORWARD") : "no usernet table in:\n" + qmpOut
assert qmpOut =~ /\b${ports[1]}\b/ : "b's port " + ports[1] + " not in:\n" + qmpOut
assert !(qmpOut =~ /\b${ports[0]}\b/) : "a's port " + ports[0] + " in b's QMP reply:\n" + qmpOut
["a", "b"].each { assertNoQemuLeft(new File(base, it)) }
return true
