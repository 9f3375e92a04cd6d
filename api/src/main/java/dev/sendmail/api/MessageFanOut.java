package dev.sendmail.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * {@link Sender#sendAll}: sends many messages on an executor, at most a given number at once, taking the next
 * message as an earlier one finishes, and waits for all of them. Every message gets a report, in order: one that
 * could not be tried or failed unexpectedly has every recipient deferred.
 */
final class MessageFanOut {

    private MessageFanOut() {
    }

    static List<DeliveryReport> sendAll(Iterable<Message> messages, int concurrency, Executor executor,
                                        Function<Message, DeliveryReport> send) {
        Semaphore permits = new Semaphore(concurrency);
        List<Message> taken = new ArrayList<>();
        List<CompletableFuture<DeliveryReport>> futures = new ArrayList<>();
        boolean interrupted = false;
        for (Message m : messages) {
            taken.add(m);
            if (!interrupted) {
                try {
                    permits.acquire();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                futures.add(CompletableFuture.completedFuture(notTried(m, "interrupted before this message was sent")));
                continue;
            }
            CompletableFuture<DeliveryReport> f;
            try {
                f = CompletableFuture.supplyAsync(() -> send.apply(m), executor);
            } catch (RuntimeException e) {
                permits.release();
                f = CompletableFuture.completedFuture(notTried(m, "the executor refused the task: " + e));
            }
            futures.add(f.whenComplete((r, t) -> permits.release()));
        }
        List<DeliveryReport> reports = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            Message m = taken.get(i);
            reports.add(futures.get(i).handle((r, t) -> r != null ? r : new DeliveryReport(
                    List.copyOf(FailureRules.unexpected(m.envelope().recipients(), t).values()))).join());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return reports;
    }

    private static DeliveryReport notTried(Message m, String why) {
        ConnectionFailedException e = new ConnectionFailedException(why, null, null, null);
        return new DeliveryReport(m.envelope().recipients().stream().map(r -> RecipientOutcome.of(r, e)).toList());
    }
}
