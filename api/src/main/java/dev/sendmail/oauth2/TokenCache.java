package dev.sendmail.oauth2;

import dev.sendmail.api.Secret;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One account's cached access token: a 0600 file of two lines, {@code expires <epoch seconds>} and the token,
 * replaced atomically. {@link #lock()} serialises refreshes between threads (a lock per file in this JVM) and
 * between processes (an exclusive lock on a {@code .lock} file beside it), so that concurrent senders make one
 * call to the token endpoint.
 */
final class TokenCache {

    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /** A cached token and its expiry. */
    record Entry(Secret token, Instant expires) {
    }

    /** Held while refreshing; closing it releases the process and thread locks. */
    interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    private final Path file;

    TokenCache(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path file() {
        return file;
    }

    /** The cached entry; empty when there is none or it is unreadable (it is then simply refreshed). */
    Optional<Entry> read() throws IOException {
        byte[] b;
        try {
            b = TokenFiles.read(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            String text = new String(b, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            if (!text.startsWith("expires ") || nl < 0) {
                return Optional.empty();
            }
            String token = text.substring(nl + 1).strip();
            String epoch = text.substring("expires ".length(), nl).strip();
            if (token.isEmpty() || !epoch.matches("-?[0-9]{1,18}")) {
                return Optional.empty();
            }
            return Optional.of(new Entry(Secret.of(token), Instant.ofEpochSecond(Long.parseLong(epoch))));
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    void write(Secret token, Instant expires) throws IOException {
        String head = "expires " + expires.getEpochSecond() + "\n";
        char[] t = token.reveal();
        byte[] content = new byte[0];
        try {
            byte[] tb = new String(t).getBytes(StandardCharsets.UTF_8);
            content = new byte[head.length() + tb.length + 1];
            System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, content, 0, head.length());
            System.arraycopy(tb, 0, content, head.length(), tb.length);
            content[content.length - 1] = '\n';
            Arrays.fill(tb, (byte) 0);
            TokenFiles.replace(file, content);
        } finally {
            Arrays.fill(t, '\0');
            Arrays.fill(content, (byte) 0);
        }
    }

    static ReentrantLock jvmLock(Path normalized) {
        return LOCKS.computeIfAbsent(normalized, f -> new ReentrantLock());
    }

    /** Takes this JVM's lock for the file, then the process lock; blocks until both are held. */
    Held lock() throws IOException {
        ReentrantLock jvm = jvmLock(file);
        jvm.lock();
        FileChannel channel = null;
        try {
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            TokenFiles.createPrivateDirectories(lockFile.getParent());
            try {
                channel = FileChannel.open(lockFile, java.util.Set.of(StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            FileLock lock = channel.lock();
            FileChannel ch = channel;
            return () -> {
                try (ch) {
                    lock.release();
                } finally {
                    jvm.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            jvm.unlock();
            throw e;
        }
    }
}
