package io.github.kvmboot.install;

import java.util.Optional;

/** What {@code qemu-img info --output=json} says about an image. */
public record ImageInfo(String format, long virtualSize, Optional<String> backingFile, Optional<String> backingFormat) {

    public boolean isQcow2OrRaw() {
        return "qcow2".equals(format) || "raw".equals(format);
    }
}
