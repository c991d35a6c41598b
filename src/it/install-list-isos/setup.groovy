import io.github.kvmboot.testing.*
import java.nio.file.*
ItSupport.configure(testCache, testScripts)
def dir = Files.createDirectories(basedir.toPath().resolve("isos/debian"))
Files.copy(InstallMedia.installerIso("KVMBOOT-SIG-IT-UNUSED"), dir.resolve("installer.iso"), StandardCopyOption.REPLACE_EXISTING)
Files.write(basedir.toPath().resolve("isos/small.iso"), new byte[2048])
Files.writeString(basedir.toPath().resolve("isos/readme.txt"), "not an ISO")
return true
