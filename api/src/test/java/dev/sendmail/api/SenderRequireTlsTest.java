package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A message that requires TLS (REQUIRETLS, --require-tls): a host without a verified session is skipped, not final. */
class SenderRequireTlsTest {

    /** Refuses, as every transport does, a message that requires TLS at a host in {@code unverified}. */
    static final class Transports implements Transport {
        final Set<String> unverified;
        final List<String> tried = Collections.synchronizedList(new ArrayList<>());

        Transports(Set<String> unverified) {
            this.unverified = unverified;
        }

        @Override
        public DeliveryReport send(SendRequest request) throws SendMailException {
            String h = request.host().name();
            tried.add(h);
            if (request.options().requireTls() && unverified.contains(h)) {
                throw new LocalPolicyException("the message requires TLS, but the TLS certificate was not verified",
                        Phase.STARTTLS, h, true);
            }
            return new DeliveryReport(request.envelope().recipients().stream()
                    .map(r -> RecipientOutcome.delivered(r, SmtpReply.of(250, "2.0.0 ok"), h)).toList());
        }

        @Override
        public void close() {
        }
    }

    private static RecipientOutcome send(Transports t, boolean requireTls) {
        SenderTest.ScriptedResolver dns = new SenderTest.ScriptedResolver().mx("example.org", "mx1.example.org",
                "mx2.example.org");
        try (Sender s = Sender.builder().transport(t).resolver(dns).build()) {
            return s.send(Envelope.of("me@example.net", "bob@example.org"), MessageContent.of("Subject: t\r\n\r\nx\r\n"),
                    DeliveryOptions.DEFAULT.withRequireTls(requireTls)).outcomes().get(0);
        }
    }

    @Test
    void theNextMxIsTriedWhenOneCannotOfferAVerifiedSession() {
        Transports t = new Transports(Set.of("mx1.example.org"));
        RecipientOutcome o = send(t, true);
        assertEquals(DeliveryStatus.DELIVERED, o.status(), o.toString());
        assertEquals(List.of("mx1.example.org", "mx2.example.org"), t.tried);
    }

    @Test
    void whenNoMxCanTheMessageFailsForGood() {
        Transports t = new Transports(Set.of("mx1.example.org", "mx2.example.org"));
        RecipientOutcome o = send(t, true);
        assertEquals(DeliveryStatus.FAILED, o.status(), o.toString());
        assertTrue(o.detail().contains("requires TLS"), o.detail());
        assertEquals(List.of("mx1.example.org", "mx2.example.org"), t.tried);
    }
}
