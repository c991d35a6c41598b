import io.github.kvmboot.testing.*
import java.nio.file.Files
ItSupport.configure(testCache, testScripts)
// a build tree: its bzImage, its .config (hashed into the report)
def tree = basedir.toPath().resolve("linux")
Files.createDirectories(tree.resolve("arch/x86/boot"))
def image = tree.resolve("arch/x86/boot/bzImage")
Files.deleteIfExists(image)
Files.createSymbolicLink(image, TestGuests.kernel())
Files.writeString(tree.resolve(".config"), "CONFIG_KVMBOOT_IT=y\n")
Files.writeString(tree.resolve("Makefile"), "VERSION = 6\n")
ItSupport.linkGuest(basedir, TestGuests.printAndHang("KVMBOOT-IT-DEBUG"))
