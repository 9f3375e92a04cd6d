package dev.sendmail.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where send-mail's processes share a rate limit ({@link dev.sendmail.api.RateLimit#sharedThrough}): the file
 * {@code rate-limits} in the queue directory when there is one, so every process and queue run delivering that queue
 * paces together; otherwise in the user's cache directory ({@link UserEnvironment#cacheDirectory}), shared by the
 * user's runs. Stateless.
 */
public final class RateLimitState {

    /** The name of the state file in its directory. */
    public static final String FILE_NAME = "rate-limits";

    private RateLimitState() {
    }

    /**
     * The state file for a run.
     *
     * @param queueDirectory the queue directory, when the run uses one
     * @param env gives the cache directory
     * @return the file (created by the rate limit when missing)
     */
    public static Path file(Optional<Path> queueDirectory, UserEnvironment env) {
        return queueDirectory.orElseGet(env::cacheDirectory).resolve(FILE_NAME);
    }
}
