package dev.sendmail.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ClientCertificate;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Secret;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TrustSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueueRouteTest {

    private static final String PIN = "ab".repeat(32);

    @Test
    void trustSettingsGoInAndComeBackWithAbsolutePathsAndNoKeyPassword() {
        TrustSettings t = TrustSettings.SYSTEM.withCaFile(Path.of("ca.pem")).withPins(List.of(PIN)).withInsecure(true)
                .withClientCertificate(new ClientCertificate(Path.of("c.pem"), Optional.of(Path.of("k.pem")),
                        Optional.of(Secret.of("key-pw"))));
        QueueRoute r = QueueRoute.builder().trust(t).build();
        assertEquals(Optional.of(Path.of("ca.pem").toAbsolutePath()), r.caFile());
        TrustSettings back = r.trust();
        assertEquals(Optional.of(Path.of("ca.pem").toAbsolutePath()), back.caFile());
        assertEquals(t.pins(), back.pins());
        assertTrue(back.insecure());
        assertEquals(Path.of("c.pem").toAbsolutePath(), back.clientCertificate().orElseThrow().certificateFile());
        assertEquals(Optional.of(Path.of("k.pem").toAbsolutePath()), back.clientCertificate().orElseThrow().keyFile());
        assertEquals(Optional.empty(), back.clientCertificate().orElseThrow().password());
        assertEquals(TrustSettings.SYSTEM, QueueRoute.DEFAULT.trust());
    }

    @Test
    void withoutARecordedModeTheRouteDecides() {
        assertEquals(TlsMode.OPPORTUNISTIC, QueueRoute.DEFAULT.effectiveTlsMode());
        assertEquals(TlsMode.SMTPS, QueueRoute.builder().smartHost(MailHost.of("h.test", 465)).build()
                .effectiveTlsMode());
        assertEquals(TlsMode.STARTTLS, QueueRoute.builder().smartHost(MailHost.of("h.test", 587)).build()
                .effectiveTlsMode());
        assertEquals(TlsMode.STARTTLS, QueueRoute.builder().discoverSubmission(true).build().effectiveTlsMode());
        assertEquals(TlsMode.OFF, QueueRoute.builder().smartHost(MailHost.of("h.test", 465)).tlsMode(TlsMode.OFF)
                .build().effectiveTlsMode());
    }

    @Test
    void describeNamesHostsAndAccount() {
        assertEquals("direct MX delivery", QueueRoute.DEFAULT.describe());
        assertEquals("smart host a.test:587 then b.test (account work)", QueueRoute.builder()
                .smartHost(MailHost.of("a.test", 587)).fallbackHost(MailHost.of("b.test")).account("work").build()
                .describe());
    }

    @Test
    void aValueWithAnyControlCharacterIsRefused() {
        for (String odd : new String[] {"a\rb", "a\u0085b", "a\u2028b", "a\u009bb"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> QueueRoute.builder().authUser(odd).build(), odd);
            assertEquals("a route value contains a control character", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> QueueRoute.builder().heloName(odd).build(), odd);
        }
    }
}
