import static io.github.kvmboot.testing.ItSupport.*
import io.github.kvmboot.kernel.BzImage
import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
def port = (log =~ /gdb stub on 127\.0\.0\.1:(\d+)/)[0][1]
assertContains("build.log", log, "-gdb tcp:127.0.0.1:" + port, "target remote 127.0.0.1:" + port,
        "published gdb port=" + port, "nokaslr", "KVMBOOT-IT-DEBUG", "BUILD SUCCESS")
assertNoQemuLeft(out)

def kernel = new File(basedir, "linux/arch/x86/boot/bzImage")
def expected = [
        "kvmboot.kernel.release"      : BzImage.readRelease(kernel.toPath()),
        "kvmboot.kernel.image"        : kernel.toPath().toAbsolutePath().normalize().toString(),
        "kvmboot.kernel.sha256"       : sha256(kernel.canonicalFile),
        "kvmboot.kernel.config.sha256": sha256(new File(basedir, "linux/.config")),
        "kvmboot.accelerator"         : "tcg",
        "kvmboot.arch"                : "x86_64",
]
def suite = io.github.kvmboot.report.ReportXmlCheck.read(
        new File(basedir, "target/kvmboot-reports/TEST-kvmboot-default-cli.xml").toPath())
def json = new groovy.json.JsonSlurper().parse(new File(basedir, "target/kvmboot-reports/kvmboot-default-cli.json"))
[suite.properties(), json.properties].each { props ->
    expected.each { name, value -> assert props[name] == value: name }
    assert props["kvmboot.qemu.command"].contains("-gdb tcp:127.0.0.1:" + port)
    assert props["kvmboot.qemu.command"].contains("-kernel " + expected["kvmboot.kernel.image"])
}
return true
