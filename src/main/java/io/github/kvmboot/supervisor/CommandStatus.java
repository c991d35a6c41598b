package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the guest's init wrote on its status port: {@code kvmboot-start <nonce>} first, then
 * {@code kvmboot-exit <nonce> <code>} or {@code kvmboot-error <nonce> <what>}. Only lines repeating
 * the first line's nonce count; anything else (e.g. a command writing to the port) is ignored.
 */
record CommandStatus(boolean started, Optional<Integer> exitCode, Optional<String> error, int forgedLines) {

    static CommandStatus read(Path file) throws IOException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new CommandStatus(false, Optional.empty(), Optional.empty(), 0);
        }
        return parse(text);
    }

    static CommandStatus parse(String text) {
        String nonce = null;
        Optional<Integer> exitCode = Optional.empty();
        Optional<String> error = Optional.empty();
        int forged = 0;
        for (String raw : text.split("\n")) {
            String[] words = raw.trim().split(" ");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            if (nonce == null) {
                if (words.length == 2 && words[0].equals("kvmboot-start") && words[1].length() >= 32) {
                    nonce = words[1];
                    continue;
                }
                return new CommandStatus(false, Optional.empty(), Optional.empty(), 1);
            }
            boolean genuine = words.length == 3 && words[1].equals(nonce) && exitCode.isEmpty() && error.isEmpty();
            if (genuine && words[0].equals("kvmboot-exit") && words[2].matches("\\d{1,3}")) {
                exitCode = Optional.of(Integer.parseInt(words[2]));
            } else if (genuine && words[0].equals("kvmboot-error")) {
                error = Optional.of(words[2]);
            } else {
                forged++;
            }
        }
        return new CommandStatus(nonce != null, exitCode, error, forged);
    }
}
