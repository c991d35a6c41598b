package io.github.kvmboot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real QEMU (paused with {@code -S}, no guest code runs) holding a disk image open for writing,
 * as a guest still running from an earlier session would. {@link #close()} stops it and proves it gone.
 */
public final class LockingQemu implements AutoCloseable {

    private final Process process;

    private LockingQemu(Process process) {
        this.process = process;
    }

    /** Starts QEMU on the image and waits until qemu-img sees the image locked. */
    public static LockingQemu hold(Path image) throws IOException, InterruptedException {
        String format = detect(image);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            // dies with the thread that started it, even if the test JVM is killed
            command.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--"));
        }
        command.addAll(List.of("qemu-system-x86_64", "-accel", "tcg", "-nodefaults", "-display", "none",
                "-S", "-drive", "file=" + image.toString().replace(",", ",,") + ",format=" + format + ",if=ide,index=0"));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        LockingQemu qemu = new LockingQemu(p);
        long inode = ((Number) Files.getAttribute(image, "unix:ino")).longValue();
        for (int i = 0; i < 1200; i++) {
            if (!p.isAlive()) {
                throw new IOException("the locking QEMU exited with " + p.exitValue());
            }
            if (lockedInode(inode)) {
                return qemu;
            }
            Thread.sleep(50);
        }
        qemu.close();
        throw new IOException("QEMU never locked " + image);
    }

    /** Whether /proc/locks lists a lock on this inode (QEMU takes OFD locks on its images). */
    private static boolean lockedInode(long inode) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
            for (String field : line.trim().split("\\s+")) {
                String[] parts = field.split(":");
                if (parts.length == 3 && parts[2].equals(Long.toString(inode))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * For invoker scripts: a QEMU holding the image beyond the script's life, under
     * {@code timeout -s KILL} so it cannot outlive {@code maxSeconds}. Returns QEMU's own pid.
     */
    public static long holdDetached(Path image, int maxSeconds) throws IOException, InterruptedException {
        Path pidFile = image.resolveSibling(image.getFileName() + ".holder-pid");
        Files.deleteIfExists(pidFile);
        Process p = new ProcessBuilder(List.of("timeout", "-s", "KILL", Integer.toString(maxSeconds),
                "qemu-system-x86_64", "-accel", "tcg", "-nodefaults", "-display", "none", "-S",
                "-pidfile", pidFile.toString(),
                "-drive", "file=" + image.toString().replace(",", ",,") + ",format=" + detect(image) + ",if=ide,index=0"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long inode = ((Number) Files.getAttribute(image, "unix:ino")).longValue();
        for (int i = 0; i < 1200; i++) {
            if (!p.isAlive()) {
                throw new IOException("the locking QEMU exited with " + p.exitValue());
            }
            if (lockedInode(inode) && Files.exists(pidFile) && Files.size(pidFile) > 0) {
                return Long.parseLong(Files.readString(pidFile).trim());
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IOException("QEMU never locked " + image);
    }

    private static String detect(Path image) throws IOException {
        try (var in = Files.newInputStream(image)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'Q' && magic[1] == 'F' && magic[2] == 'I' ? "qcow2" : "raw";
        }
    }

    public long pid() {
        return process.pid();
    }

    /** For invoker scripts, which cannot keep an object: stops the QEMU with this pid and waits until it is gone. */
    public static void stop(long pid) throws InterruptedException {
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroyForcibly();
            try {
                h.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("QEMU " + pid + " did not exit", e);
            }
        });
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new AssertionError("QEMU " + pid + " is still running");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the locking QEMU " + process.pid() + " did not exit");
        }
    }
}
