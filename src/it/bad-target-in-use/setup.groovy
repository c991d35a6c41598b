import io.github.kvmboot.testing.*
import java.nio.file.*
ItSupport.configure(testCache, testScripts)
def iso = basedir.toPath().resolve("installer.iso")
Files.deleteIfExists(iso)
Files.createSymbolicLink(iso, InstallMedia.installerIso("KVMBOOT-SIG-IT-UNUSED"))
def busy = basedir.toPath().resolve("busy.qcow2")
Files.deleteIfExists(busy)
assert new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", busy.toString(), "32M").inheritIO().start().waitFor() == 0
// a QEMU that outlives this script (stopped by verify.groovy; killed after 15 min at the latest)
long pid = LockingQemu.holdDetached(busy, 900)
Files.writeString(basedir.toPath().resolve("holder.pid"), Long.toString(pid))
return true
