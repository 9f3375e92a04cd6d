package dev.sendmail.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the {@link FakeSmtpServer} saw on one connection. Thread-safe; read it after the client got its reply. */
public final class ReceivedSession {

    /**
     * One command line.
     *
     * @param line the line without CRLF
     * @param pipelined true when more octets from the client were already waiting when the line was read
     * @param tls true when it came over TLS
     */
    public record Command(String line, boolean pipelined, boolean tls) {
    }

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<Command> commands = new ArrayList<>();
    private final List<ReceivedMessage> messages = new ArrayList<>();
    private volatile boolean tls;
    private volatile java.net.InetSocketAddress client;
    private volatile String tlsProtocol;
    private volatile Optional<String> tlsServerName = Optional.empty();

    void client(java.net.InetSocketAddress address) {
        client = address;
    }

    /** The address and port the client connected from (the proxy's, for a connection through a proxy). */
    public java.net.InetSocketAddress client() {
        return client;
    }

    synchronized void record(byte[] b, int off, int len) {
        received.write(b, off, len);
    }

    synchronized void command(Command c) {
        commands.add(c);
    }

    synchronized void message(ReceivedMessage m) {
        messages.add(m);
    }

    void tls(String protocol, Optional<String> serverName) {
        tls = true;
        tlsProtocol = protocol;
        tlsServerName = serverName;
    }

    /** Every octet the client sent (decrypted after a TLS handshake; the handshake itself is not included). */
    public synchronized byte[] received() {
        return received.toByteArray();
    }

    public String receivedText() {
        return new String(received(), StandardCharsets.ISO_8859_1);
    }

    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }

    /** The command lines. */
    public synchronized List<String> lines() {
        return commands.stream().map(Command::line).toList();
    }

    /** True when some command line starts with {@code prefix} (case-insensitive). */
    public synchronized boolean sent(String prefix) {
        return commands.stream().anyMatch(c -> c.line().regionMatches(true, 0, prefix, 0, prefix.length()));
    }

    public synchronized List<ReceivedMessage> messages() {
        return List.copyOf(messages);
    }

    public boolean isTls() {
        return tls;
    }

    public String tlsProtocol() {
        return tlsProtocol;
    }

    /** The server name the client sent in its TLS handshake (SNI); empty without TLS or when it sent none. */
    public Optional<String> tlsServerName() {
        return tlsServerName;
    }

    @Override
    public synchronized String toString() {
        return "session" + lines();
    }
}
