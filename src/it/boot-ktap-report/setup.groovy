import io.github.kvmboot.testing.*
import java.nio.file.*
ItSupport.configure(testCache, testScripts)
// the self-built kernel has KUnit (example, list, kunit self-tests) built in; init powers off
def link = { String name, Path target ->
    Path l = basedir.toPath().resolve(name)
    Files.deleteIfExists(l)
    Files.createSymbolicLink(l, target)
}
link("bzImage", TestGuests.builtKernel())
link("initrd.cpio.gz", TestGuests.initramfs("poweroff -f"))
return true
