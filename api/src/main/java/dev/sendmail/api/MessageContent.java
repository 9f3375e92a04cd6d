package dev.sendmail.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A complete RFC 5322 message (headers, blank line, body) that can be read more than once, so a retry
 * or a second host can send it again. Implementations stream from their source: nothing here requires
 * the whole message to be in memory.
 */
public interface MessageContent {

    /**
     * Opens a new stream positioned at the first octet of the message.
     *
     * @return a new stream; the caller closes it
     * @throws IOException when the source cannot be read
     */
    InputStream open() throws IOException;

    /**
     * The size of the source in octets, when known without reading it.
     *
     * @return the size, when known
     */
    OptionalLong size();

    /**
     * The traits a transport needs before MAIL FROM. The default implementation reads the content once;
     * the built-in implementations compute it once and remember it.
     *
     * @return the traits
     * @throws IOException when the content cannot be read
     */
    default ContentTraits traits() throws IOException {
        try (InputStream in = open()) {
            return ContentScanner.scan(in);
        }
    }

    /**
     * Bytes held in memory (copied).
     *
     * @param bytes the whole message
     * @return the content
     */
    static MessageContent of(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    /**
     * Text held in memory, as UTF-8.
     *
     * @param text the whole message
     * @return the content
     */
    static MessageContent of(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A file, read each time the content is opened. The file must not change while in use.
     *
     * @param file the message file
     * @return the content
     */
    static MessageContent of(Path file) {
        return new FileContent(file);
    }

    /** Bytes held in memory; for small messages and tests. */
    final class Bytes implements MessageContent {
        private final byte[] bytes;
        private volatile ContentTraits traits;

        private Bytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public OptionalLong size() {
            return OptionalLong.of(bytes.length);
        }

        @Override
        public ContentTraits traits() {
            ContentTraits t = traits;
            if (t == null) {
                ContentScanner s = new ContentScanner();
                s.update(bytes, 0, bytes.length);
                traits = t = s.finish();
            }
            return t;
        }
    }

    /** A file on disk. */
    final class FileContent implements MessageContent {
        private final Path file;
        private volatile ContentTraits traits;

        private FileContent(Path file) {
            this.file = file;
        }

        /**
         * The file read.
         *
         * @return the path
         */
        public Path file() {
            return file;
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public OptionalLong size() {
            try {
                return OptionalLong.of(Files.size(file));
            } catch (IOException e) {
                return OptionalLong.empty();
            }
        }

        @Override
        public ContentTraits traits() throws IOException {
            ContentTraits t = traits;
            if (t == null) {
                try (InputStream in = open()) {
                    traits = t = ContentScanner.scan(in);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            return t;
        }
    }
}
