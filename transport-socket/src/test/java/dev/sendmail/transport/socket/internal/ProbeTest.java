package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.spi.ProbeResult;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.testkit.TestCertificates;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProbeTest extends ServerTestSupport {

    @Test
    void probeReportsGreetingCapabilitiesAndTheCertificateProblem() throws Exception {
        TestCertificates certs = TestCertificates.get();
        FakeSmtpServer server = server(SmtpScript.accepting()
                .startTls(certs.serverContext(TestCertificates.Kind.UNTRUSTED)));
        ProbeResult p = transport().probe(server.host(), Instant.now().plusSeconds(10));
        assertEquals(220, p.greeting().code());
        assertTrue(p.tlsProtocol().orElseThrow().startsWith("TLSv1."));
        assertTrue(p.certificateProblem().orElseThrow().contains("not trusted"), p.toString());
        assertTrue(p.peerCertificate().orElseThrow().contains(certs.sha256(TestCertificates.Kind.UNTRUSTED)));
        assertTrue(p.capabilities().contains("PIPELINING"), p.capabilities().toString());
        assertFalse(p.capabilities().contains("STARTTLS"), "capabilities as seen after TLS");
        assertEquals("127.0.0.1:" + server.port(), p.address());
        assertFalse(server.received("MAIL"));
        assertTrue(server.awaitIdle(java.time.Duration.ofSeconds(5)));
        assertTrue(server.session(0).lines().contains("QUIT"));
    }

    @Test
    void probeWithoutTlsHasNoTlsDetails() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        ProbeResult p = transport().probe(server.host(), Instant.now().plusSeconds(10));
        assertTrue(p.tlsProtocol().isEmpty());
        assertTrue(p.certificateProblem().isEmpty());
        assertTrue(p.capabilities().contains("8BITMIME"));
    }
}
