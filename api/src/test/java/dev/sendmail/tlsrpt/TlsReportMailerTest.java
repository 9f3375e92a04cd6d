package dev.sendmail.tlsrpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.MailHost;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.Sender;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.TxtAnswer;
import dev.sendmail.testing.MemoryTransport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsReportMailerTest {

    /** Answers the {@code _smtp._tls} name of example.org with {@code records}. */
    private static Resolver zone(String... records) {
        return new Resolver() {
            @Override
            public MailRoute resolve(String domain) throws ResolutionFailedException {
                throw new ResolutionFailedException(domain, ResolutionFailedException.Reason.PERMANENT, "no", null);
            }

            @Override
            public TxtAnswer txt(String name) {
                return name.equals("_smtp._tls.example.org") ? TxtAnswer.found(name, List.of(records))
                        : TxtAnswer.noSuchName(name);
            }
        };
    }

    @Test
    void theMailtoAddressesOfTheRecordInItsOrder() throws Exception {
        assertEquals(List.of("a@example.org", "b@example.net"), TlsReportMailer.addresses(zone(
                "v=TLSRPTv1; rua=mailto:a@example.org,https://r.example.org/x,mailto:b@example.net?subject=x"),
                "example.org"));
        IllegalArgumentException https = assertThrows(IllegalArgumentException.class,
                () -> TlsReportMailer.addresses(zone("v=TLSRPTv1; rua=https://r.example.org/x"), "example.org"));
        assertTrue(https.getMessage().contains("only https:"), https.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> TlsReportMailer.addresses(zone("v=TLSRPTv1; rua=mailto:a@example.org"), "example.net"));
        assertTrue(none.getMessage().contains("_smtp._tls.example.net has no TXT record"), none.getMessage());
    }

    @Test
    void oneMessagePerAddressFromTheSenderWithTheReportAttached() throws Exception {
        TlsReport report = new TlsReport("sender.test", "postmaster@sender.test", "2026-12-01.ab@sender.test",
                "example.org", LocalDate.parse("2026-12-01"), List.of());
        MemoryTransport memory = new MemoryTransport();
        try (Sender sender = Sender.builder().transport(memory).smartHost(MailHost.of("relay.test", 25)).build()) {
            Map<String, DeliveryReport> sent = TlsReportMailer.mail(report, sender,
                    Mailbox.parse("postmaster@sender.test"), List.of("a@example.org", "b@example.net"),
                    Instant.parse("2026-12-02T00:10:00Z"));
            assertEquals(List.of("a@example.org", "b@example.net"), List.copyOf(sent.keySet()));
            assertTrue(sent.values().stream().allMatch(DeliveryReport::allDelivered));
        }
        assertEquals(2, memory.sent().size());
        MemoryTransport.Sent first = memory.sent().get(0);
        assertEquals("<postmaster@sender.test>", first.reversePath());
        assertEquals(List.of(Mailbox.parse("a@example.org")), first.recipients());
        String text = new String(first.content(), StandardCharsets.US_ASCII);
        assertTrue(text.contains("To: <a@example.org>\r\n"), text);
        assertTrue(text.contains("Message-ID: <2026-12-01.ab.sender.test@sender.test>\r\n"), text);
        assertTrue(text.contains("application/tlsrpt+gzip"), text);
    }
}
