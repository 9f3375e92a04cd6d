package dev.sendmail.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies {@link HostPace} for a {@link Sender}: reserves a slot per transaction and waits for it. The pace lives
 * in memory, or in a state file that every process naming it shares: each change is read-modify-write under an
 * exclusive {@link FileLock}, and within this JVM under a lock per file (a JVM cannot hold two locks on one file).
 * When the file cannot be used, the pace falls back to memory and the listener is told once.
 *
 * <p>Thread-safe.
 */
final class RateGate {

    /** Waits until an instant of the gate's clock. */
    @FunctionalInterface
    interface Sleeper {
        void sleepUntil(Instant when) throws InterruptedException;
    }

    private static final Map<Path, Object> FILE_LOCKS = new ConcurrentHashMap<>();

    private final Duration base;
    private final Optional<Path> file;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> notes;
    private final HostPace memory;
    private final AtomicBoolean fileFailed = new AtomicBoolean();

    /**
     * @param limit the configured limit, or empty for none (throttle replies still slow a host down)
     * @param notes told once when the state file cannot be used
     */
    RateGate(Optional<RateLimit> limit, Clock clock, Sleeper sleeper, Consumer<String> notes) {
        this.base = limit.map(RateLimit::interval).orElse(Duration.ZERO);
        this.file = limit.flatMap(RateLimit::stateFile).map(p -> p.toAbsolutePath().normalize());
        this.clock = clock;
        this.sleeper = sleeper;
        this.notes = notes;
        this.memory = new HostPace(base);
    }

    /** Sleeps in steps of the system clock; for a real clock. */
    static Sleeper sleeper(Clock clock) {
        return when -> {
            while (true) {
                long ms = Duration.between(clock.instant(), when).toMillis();
                if (ms <= 0) {
                    return;
                }
                Thread.sleep(ms);
            }
        };
    }

    /**
     * Reserves the next slot at {@code host} and waits for it.
     *
     * @return when the transaction starts; empty when the slot comes after {@code end} (nothing was waited for)
     * @throws InterruptedException when interrupted while waiting
     */
    Optional<Instant> acquire(String host, Instant end) throws InterruptedException {
        Instant slot = update(p -> p.reserve(host, clock.instant()));
        if (slot.isAfter(end)) {
            return Optional.empty();
        }
        sleeper.sleepUntil(slot);
        return Optional.of(slot);
    }

    /**
     * Records a throttle reply to the transaction that started at {@code started}.
     *
     * @return the interval now in force at that host, when this reply slowed it down; empty when an earlier
     *         reply already did
     */
    Optional<Duration> throttled(String host, Instant started) {
        return update(p -> {
            Instant now = clock.instant();
            return p.throttled(host, started, now) ? Optional.of(p.interval(host, now)) : Optional.empty();
        });
    }

    private <T> T update(Function<HostPace, T> change) {
        if (file.isPresent() && !fileFailed.get()) {
            Object jvmLock = FILE_LOCKS.computeIfAbsent(file.get(), k -> new Object());
            synchronized (jvmLock) {
                try {
                    return updateFile(file.get(), change);
                } catch (IOException | RuntimeException e) {
                    if (fileFailed.compareAndSet(false, true)) {
                        notes.accept("rate limit state file " + file.get() + " cannot be used (" + e
                                + "); pacing within this process only");
                    }
                }
            }
        }
        synchronized (memory) {
            return change.apply(memory);
        }
    }

    private <T> T updateFile(Path path, Function<HostPace, T> change) throws IOException {
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (FileChannel ch = open(path)) {
            FileLock lock = ch.lock();
            try {
                return updateLocked(ch, change);
            } finally {
                lock.release();
            }
        }
    }

    /** Opens the state file, creating it readable and writable by its owner only where the file system can. */
    private static FileChannel open(Path path) throws IOException {
        java.util.Set<StandardOpenOption> options = java.util.EnumSet.of(StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            return FileChannel.open(path, options, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(path, options);
        }
    }

    private <T> T updateLocked(FileChannel ch, Function<HostPace, T> change) throws IOException {
        {
            ByteBuffer buf = ByteBuffer.allocate(HostPace.MAX_TEXT);
            while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
                // read up to the bound; the rest of an oversized file is ignored
            }
            buf.flip();
            HostPace pace = HostPace.read(StandardCharsets.US_ASCII.decode(buf).toString(), base, clock.instant());
            T result = change.apply(pace);
            byte[] out = pace.write(clock.instant()).getBytes(StandardCharsets.US_ASCII);
            ch.truncate(0);
            ByteBuffer w = ByteBuffer.wrap(out);
            long at = 0;
            while (w.hasRemaining()) {
                at += ch.write(w, at);
            }
            return result;
        }
    }
}
