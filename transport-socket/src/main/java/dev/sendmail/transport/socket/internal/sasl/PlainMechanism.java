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
    public byte[] initialResponse() throws SaslFailure {
        byte[] password = SecretBytes.utf8(secret);
        try {
            return SecretBytes.concat(new byte[] {0}, user.getBytes(StandardCharsets.UTF_8), new byte[] {0}, password);
        } finally {
            SecretBytes.wipe(password);
        }
    }

    @Override
    public byte[] evaluate(byte[] challenge) throws SaslFailure {
        // a server that did not take the initial response sends an empty challenge
        return initialResponse();
    }
}
