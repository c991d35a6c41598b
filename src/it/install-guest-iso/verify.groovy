import static io.github.kvmboot.testing.ItSupport.*
import io.github.kvmboot.testing.InstallMedia
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "kvmboot: created", "guest.qcow2", "next.qcow2", "installing from",
        "KVMBOOT-INSTALL-DONE", "qemu-img check", "consistent", "kvmboot:boot -Dkvmboot.diskBoot", "BUILD SUCCESS")
def qemuLine = log.readLines().find { it.contains("QEMU: ") }
assert qemuLine != null && qemuLine.contains("media=cdrom") && qemuLine.contains("order=d") : qemuLine
def guest = new File(basedir, "guest.qcow2").toPath()
assert InstallMedia.hasSignature(guest, "KVMBOOT-SIG-IT-INSTALL") : "the installer's signature is in the target image"
assert !InstallMedia.hasSignature(new File(basedir, "next.qcow2").toPath(), "KVMBOOT-SIG-IT-INSTALL")
assert InstallMedia.qemuImgCheck(guest) == 0
def result = new groovy.json.JsonSlurper().parse(new File(out, "result.json"))
assert result.outcome == "GUEST_EXITED"
assertNoQemuLeft(out)
return true
