import io.github.kvmboot.testing.*
import java.nio.file.*
ItSupport.configure(testCache, testScripts)
Files.copy(InstallMedia.bootDisk("KVMBOOT-DISK-IT"), basedir.toPath().resolve("disk.img"), StandardCopyOption.REPLACE_EXISTING)
return true
