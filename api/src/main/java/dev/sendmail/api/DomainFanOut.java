package dev.sendmail.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Delivers one envelope's domain groups with a {@link HostDelivery}: one after another, or on up to
 * {@code concurrency} threads of its own when there are several; a failure outside any transaction (a bug in a
 * transport, an interrupt) defers that group's recipients. The report lists the outcomes in envelope order.
 */
final class DomainFanOut {

    private DomainFanOut() {
    }

    static DeliveryReport deliver(HostDelivery delivery, List<Routing.Group> groups, Envelope envelope,
                                  HostDelivery.Attempt attempt, Instant end, boolean ignoreTlsPolicy,
                                  int concurrency) {
        Map<Mailbox, RecipientOutcome> outcomes = new HashMap<>();
        if (groups.size() == 1 || concurrency == 1) {
            for (Routing.Group g : groups) {
                try {
                    outcomes.putAll(delivery.deliver(g, envelope, attempt, end, ignoreTlsPolicy));
                } catch (RuntimeException e) {
                    // the same as on the concurrent path: a bug in a transport defers, it does not escape
                    outcomes.putAll(FailureRules.unexpected(g.recipients(), e));
                }
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, groups.size()), r -> {
                Thread t = new Thread(r, "send-mail-domain");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Map<Mailbox, RecipientOutcome>>> futures = new ArrayList<>();
                for (Routing.Group g : groups) {
                    futures.add(pool.submit(() -> delivery.deliver(g, envelope, attempt, end, ignoreTlsPolicy)));
                }
                for (int i = 0; i < futures.size(); i++) {
                    try {
                        outcomes.putAll(futures.get(i).get());
                    } catch (ExecutionException e) {
                        outcomes.putAll(FailureRules.unexpected(groups.get(i).recipients(), e.getCause()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        outcomes.putAll(FailureRules.unexpected(groups.get(i).recipients(), e));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<RecipientOutcome> ordered = new ArrayList<>();
        for (Mailbox r : envelope.recipients()) {
            ordered.add(outcomes.get(r));
        }
        return new DeliveryReport(ordered);
    }
}
