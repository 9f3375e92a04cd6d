package dev.sendmail.transport.socket.internal.sasl;

import java.nio.charset.StandardCharsets;

/**
 * XOAUTH2 (Google, Microsoft): {@code user=U ^A auth=Bearer TOKEN ^A ^A} as the initial response. On failure
 * the server sends a JSON error as a challenge; the client answers with an empty response and the server then
 * sends its 5xx.
 */
public final class XOAuth2Mechanism implements SaslMechanism {

    private final String user;
    private final char[] token;
    private boolean errorSeen;

    public XOAuth2Mechanism(String user, char[] token) {
        this.user = user;
        this.token = token;
    }

    @Override
    public String name() {
        return "XOAUTH2";
    }

    @Override
    public byte[] initialResponse() throws SaslFailure {
        byte[] bearer = SecretBytes.utf8(token);
        try {
            return SecretBytes.concat(("user=" + user + "\u0001auth=Bearer ").getBytes(StandardCharsets.UTF_8), bearer,
                    new byte[] {1, 1});
        } finally {
            SecretBytes.wipe(bearer);
        }
    }

    @Override
    public byte[] evaluate(byte[] challenge) throws SaslFailure {
        if (challenge.length == 0 && !errorSeen) {
            return initialResponse();
        }
        if (errorSeen) {
            throw new SaslFailure("XOAUTH2: unexpected challenge after the error");
        }
        errorSeen = true;
        return new byte[0];
    }
}
