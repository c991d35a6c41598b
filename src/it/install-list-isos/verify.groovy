import static io.github.kvmboot.testing.ItSupport.*
def log = read(new File(basedir, "build.log"))
assertContains("build.log", log, "2 ISO images under", "MiB  debian/installer.iso", "2.0 KiB  small.iso", "BUILD SUCCESS")
assertNotContains("build.log", log, "readme.txt", "QEMU: ")
assert !new File(basedir, "target/kvmboot/console.log").exists()
return true
