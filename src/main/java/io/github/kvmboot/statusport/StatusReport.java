package io.github.kvmboot.statusport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host's end: what the guest's init wrote on its status port (see {@link StatusProtocol}).
 * Only lines repeating the first line's nonce count; anything else (e.g. a command writing to the
 * port) is counted as forged and ignored.
 */
public record StatusReport(boolean started, Optional<Integer> exitCode, Optional<String> error, int forgedLines) {

    private static final String START = StatusProtocol.PREFIX + StatusProtocol.START;
    private static final String EXIT = StatusProtocol.PREFIX + StatusProtocol.EXIT;
    private static final String ERROR = StatusProtocol.PREFIX + StatusProtocol.ERROR;

    /** The report in {@code file}; a missing file is a guest that never started its init. */
    public static StatusReport read(Path file) throws IOException {
        return read(file, List.of());
    }

    /**
     * The report in {@code file}, written by more than one QEMU: {@code laterStarts} are the file's
     * lengths when QEMU was started again (a guest resuming from its hibernation image). A resumed
     * init goes on with its nonce; a later QEMU whose first line is a start line booted afresh, and
     * that init's report is the one that counts.
     */
    public static StatusReport read(Path file, List<Long> laterStarts) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new StatusReport(false, Optional.empty(), Optional.empty(), 0);
        }
        List<String> boots = new ArrayList<>();
        int from = 0;
        for (long start : laterStarts) {
            int to = (int) Math.min(Math.max(start, from), bytes.length);
            boots.add(new String(bytes, from, to - from, StandardCharsets.UTF_8));
            from = to;
        }
        boots.add(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8));
        return parse(boots);
    }

    public static StatusReport parse(String text) {
        return parse(List.of(text));
    }

    /** The lines each QEMU of the run wrote, in order (see {@link #read(Path, List)}). */
    static StatusReport parse(List<String> boots) {
        String nonce = null;
        Optional<Integer> exitCode = Optional.empty();
        Optional<String> error = Optional.empty();
        int forged = 0;
        for (int boot = 0; boot < boots.size(); boot++) {
            boolean firstLineOfLaterBoot = boot > 0;
            for (String raw : boots.get(boot).split("\n")) {
                String[] words = raw.trim().split(" ");
                if (words.length == 0 || words[0].isEmpty()) {
                    continue;
                }
                boolean freshStart = words.length == 2 && words[0].equals(START)
                        && words[1].length() >= StatusProtocol.MIN_NONCE_LENGTH;
                if (nonce == null || firstLineOfLaterBoot) {
                    firstLineOfLaterBoot = false;
                    if (freshStart) {
                        nonce = words[1]; // a later boot's own init: what the earlier one reported is gone with it
                        exitCode = Optional.empty();
                        error = Optional.empty();
                        continue;
                    }
                    if (nonce == null) {
                        return new StatusReport(false, Optional.empty(), Optional.empty(), 1);
                    }
                }
                boolean genuine = words.length == 3 && words[1].equals(nonce) && exitCode.isEmpty() && error.isEmpty();
                if (genuine && words[0].equals(EXIT) && words[2].matches("\\d{1,3}")) {
                    exitCode = Optional.of(Integer.parseInt(words[2]));
                } else if (genuine && words[0].equals(ERROR)) {
                    error = Optional.of(words[2]);
                } else {
                    forged++;
                }
            }
        }
        return new StatusReport(nonce != null, exitCode, error, forged);
    }

    /** What an error word means, for the user. */
    public static String explain(String errorWord) {
        if (errorWord.equals(StatusProtocol.NO_9P)) {
            return "the kernel has no 9p file system for kvmboot.share (build it with CONFIG_NET_9P, CONFIG_NET_9P_VIRTIO,"
                    + " CONFIG_9P_FS and CONFIG_VIRTIO_PCI, or give their modules with kvmboot.modules)";
        }
        if (errorWord.startsWith(StatusProtocol.MOUNT_FAILED)) {
            return "mounting the share with tag " + errorWord.substring(StatusProtocol.MOUNT_FAILED.length())
                    + " failed (see the console)";
        }
        return io.github.kvmboot.suspend.SuspendCycleScript.explain(errorWord).orElse(errorWord);
    }
}
