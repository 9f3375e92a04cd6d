package dev.sendmail.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Dsn;
import dev.sendmail.api.Mailbox;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QueueEntryCodecTest {

    private static QueueEntry sample() {
        return new QueueEntry("20261128T181000-42-1", Instant.parse("2026-11-28T18:10:00Z"), 2,
                Instant.parse("2026-11-28T18:20:00Z"), Optional.of(Mailbox.parse("alice@example.org")),
                List.of(new QueueEntry.Recipient(Mailbox.parse("\"bob smith\"@example.net"), QueueEntry.State.PENDING,
                                "RCPT 451 4.3.0 try later (mx1.example.net)"),
                        new QueueEntry.Recipient(Mailbox.parse("carol@example.com"), QueueEntry.State.DELIVERED,
                                "DATA 250 2.0.0 Ok (mx.example.com)"),
                        new QueueEntry.Recipient(Mailbox.parse("dave@example.com"), QueueEntry.State.FAILED, "")),
                new Dsn(EnumSet.of(Dsn.Notify.FAILURE, Dsn.Notify.DELAY), Optional.of(Dsn.Ret.HDRS),
                        Optional.of("env+id=1"), true), true, Optional.empty());
    }

    @Test
    void roundTripIsExactAndReadable() {
        QueueEntry e = sample();
        byte[] bytes = QueueEntryCodec.format(e);
        assertEquals(e, QueueEntryCodec.parse(bytes));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("recipient: pending \"bob+20smith\"@example.net RCPT 451 4.3.0 try later"), text);
        assertTrue(text.contains("sender: alice@example.org\n"), text);
    }

    @Test
    void nullSenderRoundTrips() {
        QueueEntry e = sample();
        QueueEntry nullSender = new QueueEntry(e.id(), e.created(), 1, e.nextAttempt(), Optional.empty(),
                e.recipients(), Dsn.NONE, false, Optional.empty());
        assertEquals(nullSender, QueueEntryCodec.parse(QueueEntryCodec.format(nullSender)));
    }

    @Test
    void detailsCannotBreakTheLineStructure() {
        QueueEntry.Recipient r = new QueueEntry.Recipient(Mailbox.parse("a@b.test"), QueueEntry.State.PENDING,
                "451 evil\nrecipient: delivered x@y.test");
        assertEquals("451 evil recipient: delivered x@y.test", r.detail());
    }

    @Test
    void malformedEntriesNameTheLine() {
        String good = new String(QueueEntryCodec.format(sample()), StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QueueEntryCodec.parse(good.replace("attempts: 2", "attempts: two").getBytes()));
        assertTrue(e.getMessage().startsWith("line 5:"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> QueueEntryCodec.parse(good.replace("version: 1", "version: 9").getBytes()));
        assertThrows(IllegalArgumentException.class,
                () -> QueueEntryCodec.parse(good.replace("recipient: pending", "recipient: maybe").getBytes()));
        assertThrows(IllegalArgumentException.class, () -> QueueEntryCodec.parse("version: 1\n".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> QueueEntryCodec.parse(new byte[70 * 1024]));
    }

    @Test
    void randomDamageIsAlwaysAnIllegalArgumentOrAValidEntry() {
        byte[] good = QueueEntryCodec.format(sample());
        long seed = 20261128L;
        Random random = new Random(seed);
        for (int i = 0; i < 5000; i++) {
            byte[] damaged = good.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            try {
                QueueEntry parsed = QueueEntryCodec.parse(damaged);
                assertTrue(!parsed.recipients().isEmpty(), "seed " + seed + " case " + i);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
            }
        }
    }

    @Test
    void msmtpsTlsKeysAreRecordedWithTheRouteAndComeBack() {
        dev.sendmail.api.TrustSettings t = dev.sendmail.api.TrustSettings.SYSTEM.withHostOverride("mail.example.org")
                .withCrlFile(java.nio.file.Path.of("ca.crl")).withProtocols(List.of("TLSv1.3"));
        QueueRoute route = QueueRoute.builder().smartHost(dev.sendmail.api.MailHost.of("192.0.2.25", 587)).trust(t)
                .build();
        QueueEntry e = sample();
        QueueEntry routed = new QueueEntry(e.id(), e.created(), e.attempts(), e.nextAttempt(), e.sender(),
                e.recipients(), e.dsn(), e.requireTls(), Optional.of(route));
        byte[] bytes = QueueEntryCodec.format(routed);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("route-tls-host-override: mail.example.org\n"), text);
        assertTrue(text.contains("route-crl-file: " + java.nio.file.Path.of("ca.crl").toAbsolutePath() + "\n"), text);
        assertTrue(text.contains("route-tls-protocols: TLSv1.3\n"), text);
        dev.sendmail.api.TrustSettings back = QueueEntryCodec.parse(bytes).route().orElseThrow().trust();
        assertEquals(Optional.of("mail.example.org"), back.hostOverride());
        assertEquals(Optional.of(java.nio.file.Path.of("ca.crl").toAbsolutePath()), back.crlFile());
        assertEquals(List.of("TLSv1.3"), back.protocols());
        assertEquals(dev.sendmail.api.TrustSettings.PROTOCOLS, QueueRoute.builder()
                .trust(dev.sendmail.api.TrustSettings.SYSTEM).build().trust().protocols(), "both when none recorded");
    }

    @Test
    void theRouteRoundTripsWithoutASecret() {
        QueueRoute route = QueueRoute.builder().transport("socket")
                .smartHost(dev.sendmail.api.MailHost.of("smtp.example.org", 587))
                .tlsMode(dev.sendmail.api.TlsMode.STARTTLS).caFile(java.nio.file.Path.of("/etc/ca dir/ca.pem"))
                .pins(List.of("ab:cd", "ef")).tlsInsecure(true).clientCertificate(java.nio.file.Path.of("/c.pem"))
                .clientKey(java.nio.file.Path.of("/k.pem")).heloName("client.example.org").account("work")
                .domainRoute("example.net", dev.sendmail.api.MailHost.of("mx.example.net"))
                .domainRoute("example.com", dev.sendmail.api.MailHost.of("10.0.0.1", 2525)).resolver("dns")
                .dnsServers(List.of("127.0.0.1:5353")).mxPort(2526).authUser("alice smith")
                .authMechanisms(List.of("PLAIN")).passwordSource("file:/home/a/pw")
                .property("name", "value with spaces").property("empty", "").discoverSubmission(true).build();
        QueueEntry e = sample();
        QueueEntry routed = new QueueEntry(e.id(), e.created(), e.attempts(), e.nextAttempt(), e.sender(),
                e.recipients(), e.dsn(), e.requireTls(), Optional.of(route));
        byte[] bytes = QueueEntryCodec.format(routed);
        assertEquals(routed, QueueEntryCodec.parse(bytes));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("version: 2\n") && text.contains("route-host: smtp.example.org 587\n")
                && text.contains("route-password: file:/home/a/pw\n")
                && text.contains("route-discover-submission: yes\n"), text);
        QueueEntry empty = new QueueEntry(e.id(), e.created(), e.attempts(), e.nextAttempt(), e.sender(),
                e.recipients(), e.dsn(), e.requireTls(), Optional.of(QueueRoute.DEFAULT));
        assertEquals(empty, QueueEntryCodec.parse(QueueEntryCodec.format(empty)),
                "a recorded empty route (MX delivery) is not the same as no recorded route");
        assertEquals(Optional.empty(), QueueEntryCodec.parse(QueueEntryCodec.format(e)).route());
    }

    @Test
    void routeLinesInAVersionOneEntryAreRefused() {
        String v1 = new String(QueueEntryCodec.format(sample()), StandardCharsets.UTF_8) + "route-host: x.test\n";
        assertThrows(IllegalArgumentException.class, () -> QueueEntryCodec.parse(v1.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everySmartHostIsRecordedInOrder() {
        QueueRoute route = QueueRoute.builder().smartHost(dev.sendmail.api.MailHost.of("first.example.org", 587))
                .fallbackHost(dev.sendmail.api.MailHost.of("second.example.org"))
                .fallbackHost(dev.sendmail.api.MailHost.of("192.0.2.7", 2525)).build();
        QueueEntry e = sample();
        QueueEntry routed = new QueueEntry(e.id(), e.created(), e.attempts(), e.nextAttempt(), e.sender(),
                e.recipients(), e.dsn(), e.requireTls(), Optional.of(route));
        byte[] bytes = QueueEntryCodec.format(routed);
        QueueEntry back = QueueEntryCodec.parse(bytes);
        assertEquals(List.of(dev.sendmail.api.MailHost.of("second.example.org"),
                dev.sendmail.api.MailHost.of("192.0.2.7", 2525)), back.route().orElseThrow().fallbackHosts());
        assertEquals(routed, back);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("route-host: first.example.org 587\nroute-fallback-host: second.example.org\n"
                + "route-fallback-host: 192.0.2.7 2525\n"), text);
        String orphan = new String(QueueEntryCodec.format(new QueueEntry(e.id(), e.created(), e.attempts(),
                e.nextAttempt(), e.sender(), e.recipients(), e.dsn(), e.requireTls(),
                Optional.of(QueueRoute.DEFAULT))), StandardCharsets.UTF_8) + "route-fallback-host: x.test\n";
        assertThrows(IllegalArgumentException.class,
                () -> QueueEntryCodec.parse(orphan.getBytes(StandardCharsets.UTF_8)),
                "a fallback host without the smart host it follows");
    }
}
