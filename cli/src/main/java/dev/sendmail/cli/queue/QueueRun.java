package dev.sendmail.cli.queue;

import java.util.List;

/**
 * What one queue run did.
 *
 * @param tried entries attempted
 * @param finished entries that left the queue (every recipient delivered or failed)
 * @param stillQueued entries tried that stay queued
 * @param skipped entries not due, or locked by another run
 * @param corrupt entries moved aside, one line each
 * @param lines one line per recipient decided in this run, for the report
 */
public record QueueRun(int tried, int finished, int stillQueued, int skipped, List<String> corrupt,
                       List<String> lines) {

    public QueueRun {
        corrupt = List.copyOf(corrupt);
        lines = List.copyOf(lines);
    }
}
