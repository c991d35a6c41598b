import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "KVMBOOT-NET-LEASE 10.0.2.15", "BUILD SUCCESS")
def forwarded = (log =~ /guest ssh \(port 22\) forwarded from 127\.0\.0\.1:(\d+)/)
assert forwarded.find() : "no ssh forward announced"
def port = forwarded.group(1)
assertContains("build.log", log, "hostfwd=tcp:127.0.0.1:" + port + "-:22", "virtio-net-pci,netdev=net0")
assert read(new File(basedir, "target/ssh-port.txt")).trim() == port : "kvmboot.ssh.port not published as " + port
assertNoQemuLeft(out)
return true
