package dev.sendmail.sts;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.sendmail.testkit.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTPS server on 127.0.0.1 with one of the test certificates, answering every request with what the test set:
 * a status, headers and a body. It records the paths asked for.
 */
final class PolicyServer implements AutoCloseable {

    private final HttpsServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile Map<String, String> headers = Map.of("Content-Type", "text/plain");
    private volatile byte[] body = new byte[0];

    PolicyServer(TestCertificates.Kind certificate) {
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.get().serverContext(certificate)));
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    PolicyServer answer(int code, Map<String, String> head, String text) {
        status = code;
        headers = head;
        body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return this;
    }

    PolicyServer answer(String policy) {
        return answer(200, Map.of("Content-Type", "text/plain; charset=utf-8"), policy);
    }

    /** Where this server serves a domain's policy: the well-known path on localhost and this port. */
    URI location(String domain) {
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/.well-known/mta-sts.txt?domain="
                + domain);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
