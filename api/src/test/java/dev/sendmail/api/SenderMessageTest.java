package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.spi.Providers;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import dev.sendmail.testing.MemoryTransport;
import dev.sendmail.testing.MemoryTransportProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sender with {@link Message}: local transports (memory, file) without hosts, sendAsync, sendAll. */
class SenderMessageTest {

    private static Message message(int i) {
        return Message.builder().from("a@example.org").to("r" + i + "@example.org").subject("m" + i).text("x").build();
    }

    @Test
    void aLocalTransportNeedsNoHost() throws Exception {
        String name = "sender-message-test-local";
        try (Sender sender = Sender.builder().transport(new MemoryTransportProvider(),
                TransportSettings.builder().property("name", name).build()).build()) {
            DeliveryReport r = sender.send(message(1));
            assertTrue(r.allDelivered(), r.toString());
        }
        MemoryTransport memory = MemoryTransport.named(name);
        assertEquals(1, memory.sent().size());
        assertTrue(new String(memory.sent().get(0).content(), StandardCharsets.UTF_8).contains("Subject: m1\r\n"));
    }

    @Test
    void theFileTransportNeedsNoHost(@TempDir Path dir) throws Exception {
        TransportSettings settings = TransportSettings.builder().property("dir", dir.toString()).build();
        try (Sender sender = Sender.builder().transport(Providers.transports().select(Optional.of("file")), settings)
                .build()) {
            assertTrue(sender.send(message(2)).allDelivered());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "one message written");
        }
    }

    @Test
    void aNetworkTransportWithoutHostsSaysWhatToAdd() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Sender.builder().transport(new MemoryTransport()).build());
        assertTrue(e.getMessage().contains("smartHost(MailHost)") && e.getMessage().contains("resolver(Resolver)")
                && e.getMessage().contains("route(domain, host)"), e.getMessage());
    }

    @Test
    void sendAsyncRunsOnTheGivenExecutor() throws Exception {
        MemoryTransport memory = new MemoryTransport();
        AtomicInteger used = new AtomicInteger();
        Sender sender = Sender.builder().transport(memory).smartHost(MailHost.of("smtp.example.org"))
                .executor(r -> {
                    used.incrementAndGet();
                    new Thread(r).start();
                }).build();
        DeliveryReport r = sender.sendAsync(message(1)).get(30, TimeUnit.SECONDS);
        assertTrue(r.allDelivered());
        assertEquals(1, used.get());
        assertEquals("smtp.example.org", memory.sent().get(0).host());
    }

    @Test
    void sendAsyncWithoutAnExecutorRunsOnTheSendersOwnThreads() throws Exception {
        MemoryTransport memory = new MemoryTransport();
        AtomicReference<String> thread = new AtomicReference<>();
        Transport named = new Transport() {
            @Override
            public DeliveryReport send(SendRequest request) throws SendMailException {
                thread.set(Thread.currentThread().getName());
                return memory.send(request);
            }

            @Override
            public void close() {
            }
        };
        try (Sender sender = Sender.builder().transport(named).smartHost(MailHost.of("h")).build()) {
            assertTrue(sender.sendAsync(message(1)).get(30, TimeUnit.SECONDS).allDelivered());
        }
        assertEquals("send-mail-async", thread.get());
    }

    @Test
    void sendAllReportsInMessageOrderWhateverOrderTheyFinishIn() {
        // message 0 holds one of the two permits until message 5 has been sent: 1..5 finish first, through the
        // other permit one after another, and 0 finishes last
        CountDownLatch lastSent = new CountDownLatch(1);
        Transport transport = new Transport() {
            @Override
            public DeliveryReport send(SendRequest request) {
                Mailbox r = request.envelope().recipients().get(0);
                try {
                    if (r.address().startsWith("r0@")) {
                        assertTrue(lastSent.await(30, TimeUnit.SECONDS), "message 5 was sent before message 0 ends");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (r.address().startsWith("r5@")) {
                    lastSent.countDown();
                }
                return new DeliveryReport(List.of(RecipientOutcome.delivered(r, SmtpReply.of(250, "ok"), "h")));
            }

            @Override
            public void close() {
            }
        };
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            messages.add(message(i));
        }
        try (Sender sender = Sender.builder().transport(transport).smartHost(MailHost.of("h")).messageConcurrency(2)
                .build()) {
            List<DeliveryReport> reports = sender.sendAll(messages);
            assertEquals(List.of("r0@example.org", "r1@example.org", "r2@example.org", "r3@example.org",
                    "r4@example.org", "r5@example.org"), reports.stream()
                    .map(r -> r.outcomes().get(0).recipient().address()).toList());
            assertTrue(reports.stream().allMatch(DeliveryReport::allDelivered), reports.toString());
        }
    }

    @Test
    void sendAllGivesOneReportPerMessageInOrderAndBoundsConcurrency() throws Exception {
        CountDownLatch bothIn = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger submitted = new AtomicInteger();
        Transport transport = new Transport() {
            @Override
            public DeliveryReport send(SendRequest request) throws SendMailException {
                Mailbox r = request.envelope().recipients().get(0);
                try {
                    if (r.address().startsWith("r0@") || r.address().startsWith("r1@")) {
                        bothIn.countDown();
                        release.await(30, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (r.address().startsWith("r3@")) {
                    throw new SmtpRejectedException(SmtpReply.of(550, "5.1.1 no"), Phase.RCPT, "h");
                }
                return new DeliveryReport(List.of(RecipientOutcome.delivered(r, SmtpReply.of(250, "ok"), "h")));
            }

            @Override
            public void close() {
            }
        };
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            messages.add(message(i));
        }
        Sender sender = Sender.builder().transport(transport).smartHost(MailHost.of("h")).messageConcurrency(2)
                .executor(task -> {
                    submitted.incrementAndGet();
                    new Thread(task).start();
                }).build();
        List<List<DeliveryReport>> result = new ArrayList<>();
        Thread caller = new Thread(() -> result.add(sender.sendAll(messages)));
        caller.start();
        assertTrue(bothIn.await(30, TimeUnit.SECONDS), "two messages in flight");
        while (caller.getState() != Thread.State.WAITING && caller.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait(); // the caller blocks: for a permit (bounded) or, unbounded, for the results
        }
        assertEquals(2, submitted.get(), "at most messageConcurrency messages at once");
        release.countDown();
        caller.join();
        List<DeliveryReport> reports = result.get(0);
        assertEquals(6, reports.size());
        for (int i = 0; i < 6; i++) {
            RecipientOutcome o = reports.get(i).outcomes().get(0);
            assertEquals("r" + i + "@example.org", o.recipient().address(), "reports in message order");
            assertEquals(i == 3 ? DeliveryStatus.FAILED : DeliveryStatus.DELIVERED, o.status());
        }
        assertEquals(6, submitted.get());
    }
}
