import io.github.kvmboot.testing.*
import java.nio.file.*
ItSupport.configure(testCache, testScripts)
def link = basedir.toPath().resolve("bzImage")
Files.deleteIfExists(link)
Files.createSymbolicLink(link, TestGuests.kernel())

return true
