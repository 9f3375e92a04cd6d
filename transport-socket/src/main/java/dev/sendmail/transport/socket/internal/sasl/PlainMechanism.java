package dev.sendmail.transport.socket.internal.sasl;

import java.nio.charset.StandardCharsets;

/** PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd}, sent as the initial response. */
public final class PlainMechanism implements SaslMechanism {

    private final String user;
    private final char[] secret;

    public PlainMechanism(String user, char[] secret) {
        this.user = user;
        this.secret = secret;
    }

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public byte[] initialResponse() {
        return ("\0" + user + "\0" + new String(secret)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluate(byte[] challenge) {
        // a server that did not take the initial response sends an empty challenge
        return initialResponse();
    }
}
