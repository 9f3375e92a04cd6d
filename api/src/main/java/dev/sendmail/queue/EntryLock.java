package dev.sendmail.queue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock on one queue entry: an operating-system lock on {@code ID.lock} against other processes, and a
 * reservation in this JVM against other threads. The reservation is taken before the file is even opened:
 * POSIX drops every lock a process holds on a file when any descriptor of that file is closed, so a second
 * thread that opened and closed the lock file would silently free the first thread's lock.
 */
final class EntryLock implements AutoCloseable {

    private static final Set<Path> RESERVED = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    EntryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** Reserves {@code file} in this JVM; an entry being created is never reserved by anyone else. */
    static void reserve(Path file) throws IOException {
        if (!RESERVED.add(key(file))) {
            throw new IOException("queue entry lock " + file + " is already held in this process");
        }
    }

    static void release(Path file) {
        RESERVED.remove(key(file));
    }

    /** Takes the lock without waiting; empty when another thread or process holds it. */
    static Optional<EntryLock> tryTake(Path file) throws IOException {
        if (!RESERVED.add(key(file))) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = QueueFiles.openLock(file);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException cannotHappen) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                release(file);
                return Optional.empty();
            }
            return Optional.of(new EntryLock(file, channel, lock));
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            release(file);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } finally {
            try {
                channel.close();
            } finally {
                release(file);
            }
        }
    }
}
