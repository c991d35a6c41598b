import static io.github.kvmboot.testing.ItSupport.*
def out = new File(basedir, "target/kvmboot")
def log = read(new File(basedir, "build.log"))
def hello = read(new File(basedir, "shared/hello.txt")).trim()
assertContains("build.log", log, hello, "The guest command exited with code 0", "BUILD SUCCESS")
assert read(new File(basedir, "shared/from-guest.txt")).trim() == "written-by-guest"
assertNoQemuLeft(out)
return true
