package dev.sendmail.queue;

import java.util.List;

/**
 * What one queue run did.
 *
 * @param entries one report per entry tried or moved aside, in the order handled
 * @param skipped entries not due, or held by another run
 */
public record QueueRun(List<EntryReport> entries, int skipped) {

    /**
     * @param entries one report per entry tried or moved aside
     * @param skipped entries not due, or held by another run
     */
    public QueueRun {
        entries = List.copyOf(entries);
    }

    /**
     * The counts for a person: {@code 3 tried, 2 done, 1 still queued, 4 not due or busy}.
     *
     * @return the line
     */
    public String summary() {
        return tried() + " tried, " + finished() + " done, " + stillQueued() + " still queued, " + skipped
                + " not due or busy";
    }

    /** @return entries attempted (not counting those moved aside) */
    public int tried() {
        return entries.size() - count(EntryReport.Result.CORRUPT);
    }

    /** @return entries that left the queue: every recipient delivered or failed for good */
    public int finished() {
        return count(EntryReport.Result.DELIVERED) + count(EntryReport.Result.FAILED);
    }

    /** @return entries tried that stay queued, including those whose route could not be rebuilt or outcome recorded */
    public int stillQueued() {
        return count(EntryReport.Result.QUEUED) + count(EntryReport.Result.ROUTE_UNAVAILABLE)
                + count(EntryReport.Result.ROUTE_UNAVAILABLE_TEMPORARILY) + count(EntryReport.Result.UNRECORDED)
                + count(EntryReport.Result.NOT_KEPT);
    }

    /**
     * @param result a result
     * @return how many entries ended with it
     */
    public int count(EntryReport.Result result) {
        return (int) entries.stream().filter(e -> e.result() == result).count();
    }

    /** @return the lines of the entries moved aside as corrupt */
    public List<String> corrupt() {
        return entries.stream().filter(e -> e.result() == EntryReport.Result.CORRUPT)
                .flatMap(e -> e.lines().stream()).toList();
    }

    /** @return every line of the entries tried, in order */
    public List<String> lines() {
        return entries.stream().filter(e -> e.result() != EntryReport.Result.CORRUPT)
                .flatMap(e -> e.lines().stream()).toList();
    }
}
