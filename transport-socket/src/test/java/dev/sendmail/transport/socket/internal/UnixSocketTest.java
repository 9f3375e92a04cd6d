package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MailProtocol;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.NetworkSettings;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsMode;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.testkit.TestCertificates;
import dev.sendmail.testkit.UnixSocketRelay;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** msmtp's {@code socket}: the connection goes to a unix domain socket instead of the host's address and port. */
class UnixSocketTest extends ServerTestSupport {

    private static SendRequest to(MailHost host) {
        return new SendRequest(host, Envelope.of("a@example.org", "b@example.net"), MessageContent.of(SIMPLE),
                DeliveryOptions.DEFAULT, Instant.now().plusSeconds(60));
    }

    @Test
    void theMessageGoesThroughTheUnixSocketWithLmtp() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().lmtp());
        try (UnixSocketRelay socket = UnixSocketRelay.to(server)) {
            SocketTransport t = transport(settings().tlsMode(TlsMode.OFF).protocol(MailProtocol.LMTP)
                    .network(NetworkSettings.DIRECT.withUnixSocket(socket.path())).build());

            DeliveryReport r = t.send(to(MailHost.of("localhost")));

            assertTrue(r.allDelivered(), r.toString());
            assertEquals(1, socket.connections());
            assertEquals(1, server.messages().size());
            assertTrue(server.session(0).sent("LHLO client.test"));
            assertTrue(transcript.text().contains("connected to unix socket " + socket.path()), transcript.text());
        }
    }

    @Test
    void startTlsWorksOverTheUnixSocket() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().startTls(TestCertificates.get().serverContext(TestCertificates.Kind.GOOD)));
        try (UnixSocketRelay socket = UnixSocketRelay.to(server)) {
            SocketTransport t = transport(settings().tlsMode(TlsMode.STARTTLS)
                    .trust(dev.sendmail.api.TrustSettings.SYSTEM.withCaFile(TestCertificates.get().caBundle()))
                    .network(NetworkSettings.DIRECT.withUnixSocket(socket.path())).build());

            DeliveryReport r = t.send(to(MailHost.of("localhost")));

            assertTrue(r.allDelivered(), r + "\n" + transcript.text());
            assertTrue(server.session(0).isTls());
        }
    }

    @Test
    @Timeout(60) // a guard, not a measurement: a read the watchdog does not end would otherwise block for ever
    void aSilentUnixSocketTimesOutInsteadOfHanging() throws Exception {
        try (UnixSocketRelay socket = UnixSocketRelay.silent()) {
            SocketTransport t = transport(settings().tlsMode(TlsMode.OFF)
                    .timeouts(Timeouts.all(Duration.ofMillis(300)))
                    .network(NetworkSettings.DIRECT.withUnixSocket(socket.path())).build());

            SendMailException e = expect(SendMailException.class, t, to(MailHost.of("localhost")));

            assertTrue(e.isTransient(), e.toString());
            assertTrue(e.getMessage().toLowerCase().contains("timed out"), e.getMessage());
        }
    }

    @Test
    void noSocketThereIsAConnectionFailureNamingIt() throws Exception {
        Path missing = Path.of(System.getProperty("java.io.tmpdir"), "sendmail-no-such-" + System.nanoTime() + ".sock");
        SocketTransport t = transport(settings().tlsMode(TlsMode.OFF)
                .network(NetworkSettings.DIRECT.withUnixSocket(missing)).build());

        ConnectionFailedException e = expect(ConnectionFailedException.class, t, to(MailHost.of("localhost")));

        assertTrue(e.getMessage().contains("unix socket " + missing), e.getMessage());
    }
}
