package org.seqvault.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

class OutOfSpaceTest {

    @Test
    void recognisesTheRealErrorFromAFullDevice() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "/dev/full is available");

        assertThatThrownBy(() -> {
            try (FileChannel channel = FileChannel.open(full, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.allocate(4096));
                channel.force(true);
            }
        }).isInstanceOf(IOException.class).satisfies(e -> assertThat(OutOfSpace.causedBy(e)).isTrue());
    }

    @Test
    void recognisesWrappedAndQuotaErrors() {
        assertThat(OutOfSpace.causedBy(new UncheckedIOException(new IOException("No space left on device"))))
                .isTrue();
        assertThat(OutOfSpace.causedBy(new FileSystemException("/data/x", null, "Disk quota exceeded"))).isTrue();
    }

    @Test
    void otherErrorsAreNotMistakenForIt() {
        assertThat(OutOfSpace.causedBy(new IOException("Connection reset by peer"))).isFalse();
        assertThat(OutOfSpace.causedBy(new IOException((String) null))).isFalse();
    }
}
