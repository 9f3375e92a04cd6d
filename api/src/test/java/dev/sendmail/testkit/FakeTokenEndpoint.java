package dev.sendmail.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A test double of an OAuth 2 provider: an HTTPS server on 127.0.0.1:0 with the {@link TestCertificates} GOOD
 * certificate (trust it with {@link TestCertificates#caBundle()}). Each path answers with a scriptable function of
 * the request's form; every request is recorded, and calls are counted per path.
 */
public final class FakeTokenEndpoint implements AutoCloseable {

    /** An answer: HTTP status and JSON body. */
    public record Answer(int status, String json) {

        /** A 200 bearer token response. */
        public static Answer token(String access, long expiresIn, String refresh) {
            return new Answer(200, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + expiresIn + (refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"") + "}");
        }

        /** A 400 OAuth error (RFC 6749 5.2). */
        public static Answer error(String code) {
            return new Answer(400, "{\"error\":\"" + code + "\",\"error_description\":\"test " + code + "\"}");
        }
    }

    private final HttpsServer server;
    private final Map<String, Function<Map<String, String>, Answer>> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Map<String, String>> requests = Collections.synchronizedList(new ArrayList<>());

    private FakeTokenEndpoint(HttpsServer server) {
        this.server = server;
    }

    /** Starts the server; handlers are added with {@link #on}. */
    public static FakeTokenEndpoint start() throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.get().serverContext(TestCertificates.Kind.GOOD)));
        s.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-token-endpoint");
            t.setDaemon(true);
            return t;
        }));
        FakeTokenEndpoint f = new FakeTokenEndpoint(s);
        s.createContext("/", f::handle);
        s.start();
        return f;
    }

    /** Answers POSTs to {@code path} with {@code handler} (called on server threads). */
    public FakeTokenEndpoint on(String path, Function<Map<String, String>, Answer> handler) {
        handlers.put(path, handler);
        return this;
    }

    /** {@code https://localhost:PORT/PATH}. */
    public URI uri(String path) {
        return URI.create("https://localhost:" + server.getAddress().getPort() + path);
    }

    /** How many requests reached {@code path}. */
    public int calls(String path) {
        AtomicInteger n = calls.get(path);
        return n == null ? 0 : n.get();
    }

    /** The forms received, in order, with a {@code :path} entry. */
    public List<Map<String, String>> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put(":path", path);
            form.put(":method", ex.getRequestMethod());
            form.put(":content-type", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")));
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            requests.add(Collections.unmodifiableMap(form));
            calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Function<Map<String, String>, Answer> h = handlers.get(path);
            Answer a = h == null ? new Answer(404, "{\"error\":\"not_found\"}") : h.apply(form);
            byte[] out = a.json().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
