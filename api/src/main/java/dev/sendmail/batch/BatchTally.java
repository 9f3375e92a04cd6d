package dev.sendmail.batch;

import dev.sendmail.local.ExitCodes;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many messages of a batch ended how, counted as the results come in.
 *
 * <p>Thread-safe: the lanes of {@link Lanes#run} may add results at once.
 */
public final class BatchTally {

    private final Map<BatchResult.Outcome, Integer> counts = new EnumMap<>(BatchResult.Outcome.class);
    private int exitCode = ExitCodes.OK;

    /** An empty tally. */
    public BatchTally() {
    }

    /**
     * Counts one result.
     *
     * @param result what became of a message
     */
    public synchronized void add(BatchResult result) {
        counts.merge(result.outcome(), 1, Integer::sum);
        exitCode = ExitCodes.worse(exitCode, result.exitCode());
    }

    /**
     * The exit code of the batch so far: the {@link ExitCodes#worse} of every result's code.
     *
     * @return 0 when every message so far was delivered or queued
     */
    public synchronized int exitCode() {
        return exitCode;
    }

    /**
     * How many results so far had an outcome.
     *
     * @param outcome the outcome
     * @return its count
     */
    public synchronized int count(BatchResult.Outcome outcome) {
        return counts.getOrDefault(outcome, 0);
    }

    /**
     * The counts for a person: {@code 3 delivered, 0 queued, 1 deferred, 0 failed, 1 unreadable and skipped}.
     *
     * @return every count, in that order
     */
    @Override
    public synchronized String toString() {
        return count(BatchResult.Outcome.DELIVERED) + " delivered, " + count(BatchResult.Outcome.QUEUED)
                + " queued, " + count(BatchResult.Outcome.DEFERRED) + " deferred, "
                + count(BatchResult.Outcome.FAILED) + " failed, " + count(BatchResult.Outcome.UNREADABLE)
                + " unreadable and skipped";
    }
}
