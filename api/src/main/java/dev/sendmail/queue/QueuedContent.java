package dev.sendmail.queue;

import dev.sendmail.api.ContentScanner;
import dev.sendmail.api.ContentTraits;
import dev.sendmail.api.MessageContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalLong;

/** A queued message file, opened without following symbolic links each time it is read. */
final class QueuedContent implements MessageContent {

    private final Path file;
    private volatile ContentTraits traits;

    QueuedContent(Path file) {
        this.file = file;
    }

    @Override
    public InputStream open() throws IOException {
        return QueueFiles.open(file);
    }

    @Override
    public OptionalLong size() {
        try {
            return OptionalLong.of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .size());
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
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return t;
    }
}
