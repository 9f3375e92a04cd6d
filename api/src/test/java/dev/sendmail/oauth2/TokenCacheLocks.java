package dev.sendmail.oauth2;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/** Test access to the per-file JVM locks of {@link TokenCache}. */
final class TokenCacheLocks {

    private TokenCacheLocks() {
    }

    /** The lock of {@code file}, created if no thread asked for it yet. */
    static ReentrantLock lockOf(Path file) {
        return TokenCache.jvmLock(file.toAbsolutePath().normalize());
    }
}
