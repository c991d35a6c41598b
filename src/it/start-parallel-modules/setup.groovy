import io.github.kvmboot.testing.*
import java.nio.file.*
ItSupport.configure(testCache, testScripts)
ItSupport.linkStartGuest(basedir)
// one IT source for the four modules
def source = basedir.toPath().resolve("shared-it/GuestWebIT.java")
(1..4).each {
    def dir = basedir.toPath().resolve("m" + it + "/src/test/java/it")
    Files.createDirectories(dir)
    Files.copy(source, dir.resolve("GuestWebIT.java"), StandardCopyOption.REPLACE_EXISTING)
}
return true
