import io.github.kvmboot.testing.*
import java.nio.file.*
ItSupport.configure(testCache, testScripts)
def link = basedir.toPath().resolve("bzImage")
Files.deleteIfExists(link)
Files.createSymbolicLink(link, TestGuests.builtKernel())
def shared = basedir.toPath().resolve("shared")
Files.createDirectories(shared)
Files.writeString(shared.resolve("hello.txt"), "hello-from-the-host-" + System.nanoTime() + "\n")
Files.deleteIfExists(shared.resolve("from-guest.txt"))
return true
