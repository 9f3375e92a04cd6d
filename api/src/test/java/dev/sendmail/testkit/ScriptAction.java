package dev.sendmail.testkit;

import java.nio.charset.StandardCharsets;

/**
 * What the {@link FakeSmtpServer} does at one step of a dialogue: answer, answer with raw bytes, close the
 * connection, stall until the client gives up, wait for a gate, or send an endless reply.
 */
public sealed interface ScriptAction {

    /** A reply, one or more lines separated by {@code \n} (sent as CRLF). A 421 reply also closes the connection. */
    record Reply(String text) implements ScriptAction {
        byte[] bytes() {
            StringBuilder sb = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                sb.append(line).append("\r\n");
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        boolean closes() {
            return text.startsWith("421");
        }
    }

    /** Exactly these bytes, nothing added (malformed replies, bare LF, injected text). */
    record Raw(byte[] bytes) implements ScriptAction {
    }

    /** Close the TCP connection without a reply. */
    record Close() implements ScriptAction {
    }

    /** Say nothing and read until the client closes the connection (the client's timeout must fire). */
    record Stall() implements ScriptAction {
    }

    /** Send {@code 250-xxx} continuation lines forever (until the client closes); optionally one huge line. */
    record Endless(boolean oneLine) implements ScriptAction {
    }

    /** Wait until {@code gate} opens (or the server closes), then do {@code then}: holds a client at a known step. */
    record Await(java.util.concurrent.CountDownLatch gate, ScriptAction then) implements ScriptAction {
    }

    static ScriptAction reply(String text) {
        return new Reply(text);
    }

    static ScriptAction raw(String text) {
        return new Raw(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static ScriptAction close() {
        return new Close();
    }

    static ScriptAction stall() {
        return new Stall();
    }

    static ScriptAction await(java.util.concurrent.CountDownLatch gate, ScriptAction then) {
        return new Await(gate, then);
    }

    static ScriptAction endlessLines() {
        return new Endless(false);
    }

    static ScriptAction endlessLine() {
        return new Endless(true);
    }
}
