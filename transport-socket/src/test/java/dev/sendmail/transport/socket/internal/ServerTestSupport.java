package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.RecordingListener;
import dev.sendmail.testkit.SmtpScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared plumbing for tests against the fake server: servers and transports are closed after each test. */
abstract class ServerTestSupport {

    static final String SIMPLE = "From: a@example.org\r\nTo: b@example.net\r\nSubject: hi\r\n\r\nHello\r\n";

    final RecordingListener transcript = new RecordingListener();
    private final List<FakeSmtpServer> servers = new ArrayList<>();
    private final List<SocketTransport> transports = new ArrayList<>();

    FakeSmtpServer server(SmtpScript... scripts) {
        FakeSmtpServer s = FakeSmtpServer.start(scripts);
        servers.add(s);
        return s;
    }

    TransportSettings.Builder settings() {
        return TransportSettings.builder().tlsMode(TlsMode.OPPORTUNISTIC)
                .timeouts(Timeouts.all(Duration.ofSeconds(5))).heloName("client.test").listener(transcript);
    }

    SocketTransport transport(TransportSettings settings) throws SendMailException {
        SocketTransport t = SocketTransport.create(settings);
        transports.add(t);
        return t;
    }

    SocketTransport transport() throws SendMailException {
        return transport(settings().build());
    }

    static SendRequest request(FakeSmtpServer server, String content, String from, String... to) {
        return request(server, MessageContent.of(content), DeliveryOptions.DEFAULT, from, to);
    }

    static SendRequest request(FakeSmtpServer server, MessageContent content, DeliveryOptions options, String from,
                               String... to) {
        return new SendRequest(server.host(), Envelope.of(from, to), content, options, Instant.now().plusSeconds(60));
    }

    static SendRequest simple(FakeSmtpServer server) {
        return request(server, SIMPLE, "a@example.org", "b@example.net");
    }

    static <E extends SendMailException> E expect(Class<E> type, SocketTransport t, SendRequest r) {
        try {
            DeliveryReport report = t.send(r);
            fail("expected " + type.getSimpleName() + ", got " + report);
            return null;
        } catch (SendMailException e) {
            return assertInstanceOf(type, e, () -> "got " + e);
        }
    }

    @AfterEach
    void closeAll() {
        transports.forEach(SocketTransport::close);
        servers.forEach(FakeSmtpServer::close);
    }
}
