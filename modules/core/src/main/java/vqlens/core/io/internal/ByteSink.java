package vqlens.core.io.internal;

import java.nio.ByteBuffer;

/** Where encoded bytes go: a temp file or a ZIP entry inside one. Problems are {@code CodebookFileException}s. */
public interface ByteSink {
    /** Writes all remaining bytes of {@code src}. */
    void write(ByteBuffer src);
}
