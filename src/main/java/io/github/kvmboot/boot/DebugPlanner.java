package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.kernel.KernelDiscoveryException;
import io.github.kvmboot.kernel.Vmlinux;
import io.github.kvmboot.qemu.QemuCommandBuilder;
import io.github.kvmboot.supervisor.Debugging;

/**
 * kvmboot.gdb, kvmboot.gdbWait, kvmboot.dumpOnPanic and kvmboot.vmlinux: the gdb stub (127.0.0.1
 * only), the halt before the first instruction, QEMU pausing on a panic so the supervisor can dump
 * the guest's memory, and the commands that open both with the kernel's symbols.
 */
final class DebugPlanner {

    /** Room beyond the guest's memory that a dump needs (ELF headers and notes). */
    private static final long DUMP_MARGIN_MIB = 16;
    private static final Pattern KASLR_CHOICE = Pattern.compile("(^|\\s)(no)?kaslr(\\s|=|$)");

    /**
     * @param gdbPort the stub's port, when kvmboot.gdb is set
     * @param vmcore  where the dump goes, with kvmboot.dumpOnPanic
     * @param vmlinux the kernel's symbols, when known
     */
    record Debug(OptionalInt gdbPort, boolean gdbWait, Optional<Path> vmcore, Optional<Path> vmlinux) {

        static final Debug NONE = new Debug(OptionalInt.empty(), false, Optional.empty(), Optional.empty());

        /** Anything for the supervisor or the crash report (a known vmlinux decodes stack traces). */
        boolean any() {
            return gdbPort.isPresent() || vmcore.isPresent() || vmlinux.isPresent();
        }

        Debugging forSupervisor() {
            return new Debugging(gdbPort.isPresent(), vmcore, vmlinux);
        }
    }

    private final HostEnvironment host;

    DebugPlanner(HostEnvironment host) {
        this.host = host;
    }

    /** Checks the debug settings against the kernel and the host, before anything is created or started. */
    Debug plan(ResolvedSettings s, KernelPlanner.Target target, Path outputDirectory) throws SettingException {
        OptionalInt port = gdbPort(s);
        boolean wait = s.flag(GDB_WAIT);
        if (wait && port.isEmpty()) {
            throw s.invalid(GDB_WAIT, "needs kvmboot.gdb: without a gdb stub nothing could continue the halted CPU",
                    "add -Dkvmboot.gdb=auto (or a port), or drop kvmboot.gdbWait");
        }
        Optional<Path> vmlinux = vmlinux(s, target);
        Optional<Path> vmcore = Optional.empty();
        if (s.flag(DUMP_ON_PANIC)) {
            vmcore = Optional.of(outputDirectory.resolve("vmcore"));
            checkRoomForDump(s, outputDirectory);
        }
        return new Debug(port, wait, vmcore, vmlinux);
    }

    /**
     * With kvmboot.gdb, {@code nokaslr} so that vmlinux's addresses are the running kernel's. With
     * kvmboot.dumpOnPanic the default {@code panic=-1} becomes {@code panic=0}: a kernel without
     * pvpanic then waits after its panic (memory intact for the dump) instead of rebooting at once.
     *
     * @param userCmdline the command line is the user's kvmboot.append, not the default
     */
    static String append(Debug debug, String cmdline, boolean userCmdline) {
        String result = cmdline;
        if (debug.vmcore().isPresent() && !userCmdline) {
            result = result.replace("panic=-1", "panic=0");
        }
        if (debug.gdbPort().isEmpty() || KASLR_CHOICE.matcher(result).find()) {
            return result;
        }
        return result.isBlank() ? "nokaslr" : result + " nokaslr";
    }

    static void addTo(QemuCommandBuilder builder, Debug debug) {
        debug.gdbPort().ifPresent(builder::gdbStub);
        if (debug.gdbWait()) {
            builder.haltAtStart();
        }
        if (debug.vmcore().isPresent()) {
            builder.pauseOnPanic();
        }
    }

    /** The lines telling the user how to attach gdb and where the dump would go. */
    static List<String> summary(Debug debug) {
        List<String> lines = new ArrayList<>();
        if (debug.gdbPort().isPresent()) {
            int port = debug.gdbPort().getAsInt();
            String symbols = debug.vmlinux().map(Path::toString).orElse("vmlinux");
            lines.add("kvmboot: gdb stub on 127.0.0.1:" + port + " (published as kvmboot.gdb.port)"
                    + (debug.gdbWait() ? "; the CPU is halted until gdb continues it" : "") + "; attach with:");
            lines.add("kvmboot:   gdb " + symbols + " -ex 'target remote 127.0.0.1:" + port + "'");
            Optional<Path> helpers = debug.vmlinux().map(v -> v.resolveSibling("vmlinux-gdb.py")).filter(Files::exists);
            lines.add(helpers.map(h -> "kvmboot:   lx-* commands: gdb -iex 'add-auto-load-safe-path " + h.getParent()
                    + "' ... (loads " + h + ")")
                    .orElse("kvmboot:   lx-* commands (lx-dmesg, lx-symbols): build with CONFIG_GDB_SCRIPTS=y,"
                            + " then gdb loads scripts/gdb/vmlinux-gdb.py from the build directory"));
        }
        debug.vmcore().ifPresent(vmcore -> lines.add("kvmboot: on a panic the guest's memory is written to " + vmcore));
        return lines;
    }

    private OptionalInt gdbPort(ResolvedSettings s) throws SettingException {
        Optional<String> value = s.optional(GDB);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        String text = value.get().trim();
        if (text.equalsIgnoreCase("auto")) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return OptionalInt.of(probe.getLocalPort());
            } catch (IOException e) {
                throw s.invalid(GDB, "no free port on 127.0.0.1 (" + e.getMessage() + ")", "give a port number");
            }
        }
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw s.invalid(GDB, "not a TCP port", "use a port number from 1 to 65535, or auto for a free one");
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            throw s.invalid(GDB, "port " + port + " is already in use on 127.0.0.1 (" + e.getMessage() + ")",
                    "choose another port, or auto for a free one");
        }
        return OptionalInt.of(port);
    }

    private Optional<Path> vmlinux(ResolvedSettings s, KernelPlanner.Target target) throws SettingException {
        Optional<String> given = s.optional(VMLINUX);
        Optional<Path> vmlinux = given.map(host::resolve).or(() -> target.kernel().flatMap(Vmlinux::besideImage));
        if (vmlinux.isPresent() && target.kernel().isPresent()) {
            try {
                Vmlinux.check(vmlinux.get(), target.release());
            } catch (KernelDiscoveryException e) {
                if (given.isPresent()) {
                    throw s.invalid(VMLINUX, e.getMessage(), "point it at the vmlinux built with "
                            + target.kernel().get() + " (release " + target.release() + "), or unset it");
                }
                return Optional.empty(); // a stale vmlinux beside the image: no symbols rather than wrong ones
            }
        }
        return vmlinux;
    }

    private static void checkRoomForDump(ResolvedSettings s, Path outputDirectory) throws SettingException {
        long memoryMiB = s.memoryMiB(MEMORY);
        Path existing = outputDirectory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        long freeMiB;
        try {
            freeMiB = Files.getFileStore(existing).getUsableSpace() >> 20;
        } catch (IOException | RuntimeException e) {
            return; // the dump itself will report what is wrong with the directory
        }
        if (freeMiB < memoryMiB + DUMP_MARGIN_MIB) {
            throw s.invalid(DUMP_ON_PANIC, "a dump of the guest's memory (kvmboot.memory = " + memoryMiB + " MiB) needs about "
                    + (memoryMiB + DUMP_MARGIN_MIB) + " MiB, but " + existing + " (kvmboot.outputDirectory " + outputDirectory
                    + ") has only " + freeMiB + " MiB free", "free space there, point kvmboot.outputDirectory at a larger"
                    + " file system, or lower kvmboot.memory");
        }
    }
}
