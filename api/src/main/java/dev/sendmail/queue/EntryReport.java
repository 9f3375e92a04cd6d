package dev.sendmail.queue;

import java.util.List;

/**
 * What a queue run did with one entry.
 *
 * @param id the entry's queue id
 * @param result where the entry stands after the run
 * @param lines one line per recipient decided, notice sent or problem met, for a person to read
 */
public record EntryReport(String id, Result result, List<String> lines) {

    /**
     * Where an entry stands after a run: each result says, where it is declared, the word a person reads and
     * whether someone has to look at the entry; {@link dev.sendmail.local.ExitCodes#forQueueRun(Result)} gives the
     * code of a run for each.
     */
    public enum Result {
        /** Every recipient has it; the entry left the queue. */
        DELIVERED("delivered", false),
        /** Some recipients failed for good (the sender was told, or the message was kept); the entry left. */
        FAILED("failed", false),
        /** Recipients are left to retry; the entry stays. */
        QUEUED("still queued", false),
        /** Its recorded route cannot be rebuilt until someone fixes the configuration; the entry stays as it was. */
        ROUTE_UNAVAILABLE("not sent", true),
        /** Its recorded route cannot be rebuilt now but may later; the entry stays as it was. */
        ROUTE_UNAVAILABLE_TEMPORARILY("not sent", true),
        /** The entry could not be read and was moved aside. */
        CORRUPT("corrupt", true),
        /**
         * The outcome could not be recorded (a full disk, a read-only directory): the entry stays as it was before
         * the run, and its lines name the recipients the next run would send the message to again.
         */
        UNRECORDED("not recorded", true),
        /**
         * Recipients failed for good, but neither could the sender be told nor a copy be kept (a full disk, a
         * read-only directory): they stay queued, for a later run to do it.
         */
        NOT_KEPT("failed, kept queued", true);

        private final String word;
        private final boolean needsAttention;

        Result(String word, boolean needsAttention) {
            this.word = word;
            this.needsAttention = needsAttention;
        }
    }

    /**
     * @param id the entry's queue id
     * @param result where the entry stands after the run
     * @param lines the lines for a person to read
     */
    public EntryReport {
        lines = List.copyOf(lines);
    }

    /**
     * Whether someone has to look at the entry: its route could not be rebuilt (it stays queued, untouched, until
     * that changes), it was moved aside as corrupt, its outcome could not be recorded, or recipients that failed could be neither
     * bounced nor kept. A run's other results
     * are the queue's normal business.
     *
     * @return true for {@link Result#ROUTE_UNAVAILABLE}, {@link Result#ROUTE_UNAVAILABLE_TEMPORARILY},
     *         {@link Result#CORRUPT}, {@link Result#UNRECORDED} and {@link Result#NOT_KEPT}
     */
    public boolean needsAttention() {
        return result.needsAttention;
    }

    /**
     * One line for a person: the queue id, where the entry stands and its lines, such as
     * {@code 1a2b: still queued: bob@b.test: deferred: RCPT 451 ...}.
     *
     * @return the line
     */
    public String line() {
        return id + ": " + result.word + (lines.isEmpty() ? "" : ": " + String.join("; ", lines));
    }
}
