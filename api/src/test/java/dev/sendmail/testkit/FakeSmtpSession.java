package dev.sendmail.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLSocket;

/** One connection of the {@link FakeSmtpServer}: reads commands, records them, answers from the script. */
final class FakeSmtpSession {

    private static final int MAX_LINE = 1 << 20;

    private final SmtpScript script;
    private final ReceivedSession record;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean tls;
    private String mailFrom;
    private final List<String> rcpts = new ArrayList<>();
    private final ByteArrayOutputStream bdat = new ByteArrayOutputStream();
    private long dataOctets;

    private final java.util.concurrent.CountDownLatch serverClosed;

    FakeSmtpSession(Socket socket, SmtpScript script, ReceivedSession record,
                    java.util.concurrent.CountDownLatch serverClosed) {
        this.serverClosed = serverClosed;
        this.socket = socket;
        this.script = script;
        this.record = record;
    }

    /** Thrown to end the session quietly. */
    private static final class End extends IOException {
        private static final long serialVersionUID = 1L;
    }

    void run() {
        try {
            streams();
            if (script.tls != null && script.implicitTls) {
                handshake();
            }
            if (!act(script.greeting)) {
                return;
            }
            while (true) {
                String line = readLine();
                if (line == null) {
                    return;
                }
                boolean more = in.available() > 0;
                record.command(new ReceivedSession.Command(line, more, tls));
                if (!handle(line)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away or the script ended the session
        }
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(new Recording(socket.getInputStream()), 16 * 1024);
        out = socket.getOutputStream();
    }

    private void handshake() throws IOException {
        SSLSocket ssl = (SSLSocket) script.tls.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        socket = ssl;
        tls = true;
        record.tls(ssl.getSession().getProtocol(), serverName(ssl.getSession()));
        streams();
    }

    /** The host name the client asked for (SNI), if any. */
    private static java.util.Optional<String> serverName(javax.net.ssl.SSLSession session) {
        if (session instanceof javax.net.ssl.ExtendedSSLSession e) {
            return e.getRequestedServerNames().stream().filter(n -> n instanceof javax.net.ssl.SNIHostName)
                    .map(n -> ((javax.net.ssl.SNIHostName) n).getAsciiName()).findFirst();
        }
        return java.util.Optional.empty();
    }

    /** Performs {@code action}; false when the session is over. */
    private boolean act(ScriptAction action) throws IOException {
        if (action instanceof ScriptAction.Reply r) {
            send(r.bytes());
            return !r.closes();
        } else if (action instanceof ScriptAction.Raw r) {
            send(r.bytes());
            return true;
        } else if (action instanceof ScriptAction.Await a) {
            awaitGate(a.gate());
            return act(a.then());
        } else if (action instanceof ScriptAction.Close) {
            return false;
        } else if (action instanceof ScriptAction.Stall) {
            drain();
            return false;
        } else if (action instanceof ScriptAction.Endless e) {
            byte[] chunk = (e.oneLine() ? "x".repeat(4096) : "250-this reply never ends\r\n".repeat(64))
                    .getBytes(StandardCharsets.US_ASCII);
            if (e.oneLine()) {
                send("250-".getBytes(StandardCharsets.US_ASCII));
            }
            while (true) {
                send(chunk);
            }
        }
        throw new IllegalStateException("unknown action " + action);
    }

    private boolean handle(String line) throws IOException {
        String upper = line.toUpperCase(Locale.ROOT);
        Optional<ScriptAction> rule = script.match(line);
        if (rule.isPresent()) {
            ScriptAction a = rule.get();
            if (upper.startsWith("MAIL") && accepted(a)) {
                startTransaction(line);
            } else if (upper.startsWith("RCPT") && accepted(a)) {
                rcpts.add(line);
            } else if (upper.startsWith("DATA") && a instanceof ScriptAction.Reply r && r.text().startsWith("354")) {
                send(r.bytes());
                return readData();
            }
            return act(a);
        }
        String verb = upper.split(" ", 2)[0];
        switch (verb) {
            case "EHLO", "LHLO" -> {
                if (script.lmtp != verb.equals("LHLO")) {
                    return act(ScriptAction.reply("500 5.5.1 Error: command not recognized"));
                }
                List<String> lines = new ArrayList<>();
                lines.add("fake.test greets you");
                for (String cap : script.capabilities) {
                    if (!(tls && cap.equalsIgnoreCase("STARTTLS"))) {
                        lines.add(cap);
                    }
                }
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < lines.size(); i++) {
                    sb.append(i == 0 ? "" : "\n").append(i == lines.size() - 1 ? "250 " : "250-").append(lines.get(i));
                }
                reset();
                return act(ScriptAction.reply(sb.toString()));
            }
            case "HELO" -> {
                if (script.lmtp) {
                    return act(ScriptAction.reply("500 5.5.1 Error: command not recognized"));
                }
                return act(ScriptAction.reply("250 fake.test"));
            }
            case "STARTTLS" -> {
                if (script.tls == null || tls) {
                    return act(ScriptAction.reply("502 5.5.1 STARTTLS not available"));
                }
                byte[] ready = "220 2.0.0 Ready to start TLS\r\n".getBytes(StandardCharsets.US_ASCII);
                if (script.injectAfterStartTls != null) {
                    byte[] both = new byte[ready.length + script.injectAfterStartTls.length];
                    System.arraycopy(ready, 0, both, 0, ready.length);
                    System.arraycopy(script.injectAfterStartTls, 0, both, ready.length,
                            script.injectAfterStartTls.length);
                    ready = both;
                }
                send(ready);
                handshake();
                reset();
                return true;
            }
            case "AUTH" -> {
                return auth(line);
            }
            case "MAIL" -> {
                startTransaction(line);
                return act(ScriptAction.reply("250 2.1.0 Ok"));
            }
            case "RCPT" -> {
                if (mailFrom == null) {
                    return act(ScriptAction.reply("503 5.5.1 Error: need MAIL command"));
                }
                if (script.maxRecipients > 0 && rcpts.size() >= script.maxRecipients) {
                    return act(script.overRecipientLimit);
                }
                rcpts.add(line);
                return act(ScriptAction.reply("250 2.1.5 Ok"));
            }
            case "DATA" -> {
                if (rcpts.isEmpty()) {
                    return act(ScriptAction.reply("554 5.5.1 Error: no valid recipients"));
                }
                send("354 End data with <CR><LF>.<CR><LF>\r\n".getBytes(StandardCharsets.US_ASCII));
                return readData();
            }
            case "BDAT" -> {
                return readBdat(line);
            }
            case "RSET" -> {
                reset();
                return act(ScriptAction.reply("250 2.0.0 Ok"));
            }
            case "NOOP" -> {
                return act(ScriptAction.reply("250 2.0.0 Ok"));
            }
            case "QUIT" -> {
                act(ScriptAction.reply("221 2.0.0 Bye"));
                return false;
            }
            default -> {
                return act(ScriptAction.reply("500 5.5.2 Error: command not recognized"));
            }
        }
    }

    private static boolean accepted(ScriptAction a) {
        return a instanceof ScriptAction.Reply r && r.text().startsWith("2");
    }

    private void startTransaction(String line) {
        reset();
        mailFrom = line;
    }

    private void reset() {
        mailFrom = null;
        rcpts.clear();
        bdat.reset();
        dataOctets = 0;
    }

    private boolean readData() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        ByteArrayOutputStream lineBuf = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            if (script.stallInData && dataOctets > 0) {
                stopReading();
                return false;
            }
            int c = in.read();
            if (c < 0) {
                return false;
            }
            dataOctets++;
            if (script.dropDataAfter >= 0 && dataOctets > script.dropDataAfter) {
                return false;
            }
            wire.write(c);
            lineBuf.write(c);
            if (c == '\n' && prev == '\r') {
                byte[] l = lineBuf.toByteArray();
                lineBuf.reset();
                if (l.length == 3 && l[0] == '.') {
                    record.message(new ReceivedMessage(mailFrom, rcpts, wire.toByteArray(), content.toByteArray(),
                            false));
                    int accepted = rcpts.size();
                    reset();
                    if (script.lmtp) {
                        for (int i = 0; i < accepted; i++) {
                            if (!act(script.nextDataEnd())) {
                                return false;
                            }
                        }
                        return true;
                    }
                    return act(script.nextDataEnd());
                }
                int skip = l.length > 0 && l[0] == '.' ? 1 : 0;
                content.write(l, skip, l.length - skip);
            }
            prev = c;
        }
    }

    private boolean readBdat(String line) throws IOException {
        String[] parts = line.split(" ");
        long size;
        try {
            size = Long.parseLong(parts[1]);
        } catch (RuntimeException e) {
            return act(ScriptAction.reply("501 5.5.4 Syntax: BDAT count [LAST]"));
        }
        boolean last = parts.length > 2 && parts[2].equalsIgnoreCase("LAST");
        for (long i = 0; i < size; i++) {
            if (script.stallInData && dataOctets > 0) {
                stopReading();
                return false;
            }
            int c = in.read();
            if (c < 0) {
                return false;
            }
            dataOctets++;
            if (script.dropDataAfter >= 0 && dataOctets > script.dropDataAfter) {
                return false;
            }
            bdat.write(c);
        }
        if (rcpts.isEmpty()) {
            bdat.reset();
            return act(ScriptAction.reply("554 5.5.1 Error: no valid recipients"));
        }
        if (!last) {
            return act(ScriptAction.reply("250 2.0.0 " + size + " octets received"));
        }
        byte[] all = bdat.toByteArray();
        record.message(new ReceivedMessage(mailFrom, rcpts, all, all, true));
        reset();
        return act(script.nextDataEnd());
    }

    private boolean auth(String line) throws IOException {
        String[] parts = line.split(" ");
        if (script.authUser == null || parts.length < 2) {
            return act(ScriptAction.reply("503 5.5.1 Error: authentication not enabled"));
        }
        String mech = parts[1].toUpperCase(Locale.ROOT);
        String initial = parts.length > 2 ? parts[2] : null;
        boolean ok;
        switch (mech) {
            case "PLAIN" -> {
                String resp = initial != null ? initial : challenge("");
                String[] f = decode(resp).split("\0", -1);
                ok = f.length == 3 && f[1].equals(script.authUser) && f[2].equals(script.authSecret);
            }
            case "LOGIN" -> {
                String user = initial != null ? decode(initial) : decode(challenge(b64("Username:")));
                String pass = decode(challenge(b64("Password:")));
                ok = user.equals(script.authUser) && pass.equals(script.authSecret);
            }
            case "CRAM-MD5" -> {
                String nonce = "<" + System.nanoTime() + ".1@fake.test>";
                String[] f = decode(challenge(b64(nonce))).split(" ", 2);
                ok = f.length == 2 && f[0].equals(script.authUser) && f[1].equals(hmacMd5(script.authSecret, nonce));
            }
            case "XOAUTH2" -> {
                String resp = initial != null ? initial : challenge("");
                ok = decode(resp).equals("user=" + script.authUser + "\1auth=Bearer " + script.authSecret + "\1\1");
                if (!ok) {
                    challenge(b64("{\"status\":\"401\",\"schemes\":\"bearer\"}"));
                }
            }
            case "OAUTHBEARER" -> {
                // RFC 7628: the GS2 header with the escaped user, host and port, then the bearer token
                String resp = decode(initial != null ? initial : challenge(""));
                String head = "n,a=" + script.authUser.replace("=", "=3D").replace(",", "=2C") + ",\1host=";
                String tail = "\1auth=Bearer " + script.authSecret + "\1\1";
                ok = resp.startsWith(head) && resp.endsWith(tail)
                        && resp.substring(head.length(), resp.length() - tail.length()).matches("[^\1]+\1port=\\d+");
                if (!ok && !challenge(b64("{\"status\":\"invalid_token\",\"scope\":\"x\"}")).equals("AQ==")) {
                    return act(ScriptAction.reply("501 5.5.2 the error continuation needs the dummy response"));
                }
            }
            default -> {
                return act(ScriptAction.reply("504 5.5.4 Unrecognized authentication type"));
            }
        }
        return act(ScriptAction.reply(ok ? "235 2.7.0 Authentication successful"
                : "535 5.7.8 Error: authentication failed"));
    }

    /** Sends a 334 challenge and returns the client's answer line; a {@code *} cancels. */
    private String challenge(String base64) throws IOException {
        send(("334 " + base64 + "\r\n").getBytes(StandardCharsets.US_ASCII));
        String line = readLine();
        if (line == null) {
            throw new End();
        }
        record.command(new ReceivedSession.Command(line, in.available() > 0, tls));
        if (line.equals("*")) {
            act(ScriptAction.reply("501 5.7.0 Authentication aborted"));
            throw new End();
        }
        return line;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String s) {
        try {
            return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "\uFFFD";
        }
    }

    private static String hmacMd5(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
            }
            if (c == '\n') {
                byte[] l = b.toByteArray();
                int n = l.length > 0 && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
                return new String(l, 0, n, StandardCharsets.UTF_8);
            }
            b.write(c);
            if (b.size() > MAX_LINE) {
                throw new End();
            }
        }
    }

    /** Neither reads nor answers until the server is closed: the client's writes block once buffers fill. */
    private void stopReading() {
        try {
            serverClosed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for {@code gate}; a server closed meanwhile ends the session. */
    private void awaitGate(java.util.concurrent.CountDownLatch gate) throws IOException {
        try {
            while (!gate.await(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (serverClosed.getCount() == 0) {
                    throw new End();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new End();
        }
    }

    private void drain() throws IOException {
        byte[] buf = new byte[8192];
        while (in.read(buf) >= 0) {
            // recorded by the stream
        }
    }

    private void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Records every octet read from the socket. */
    private final class Recording extends FilterInputStream {
        Recording(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                record.record(new byte[] {(byte) c}, 0, 1);
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                record.record(b, off, n);
            }
            return n;
        }
    }
}
