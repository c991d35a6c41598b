import static io.github.kvmboot.testing.ItSupport.*
import io.github.kvmboot.testing.LockingQemu
long pid = Long.parseLong(new File(basedir, "holder.pid").text.trim())
try {
    def log = read(new File(basedir, "build.log"))
    assertContains("build.log", log, "BUILD FAILURE", "kvmboot.target = 'busy.qcow2' (from <target> in the plugin configuration",
            "is in use: pid " + pid + ": ", "qemu-system-x86_64", "busy.qcow2", "holds its write lock", "Fix: stop that process")
    assertNotContains("build.log", log, "at io.github.kvmboot", "MojoExecutionException", "NullPointerException")
    assert !new File(basedir, "target/kvmboot/console.log").exists() : "QEMU must not have started"
} finally {
    LockingQemu.stop(pid)
}
return true
