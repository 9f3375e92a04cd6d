package dev.sendmail.transport.socket.internal.sasl;

import java.nio.charset.StandardCharsets;

/**
 * OAUTHBEARER (RFC 7628): the initial response is a GS2 header naming the user ({@code n,a=USER,}, with
 * {@code =} and {@code ,} written as {@code =3D} and {@code =2C}), then {@code ^Ahost=H^Aport=P^Aauth=Bearer
 * TOKEN^A^A}. A rejected token comes back as a 334 challenge holding a JSON error; the client must answer it with
 * a single {@code ^A} (RFC 7628 3.2.3), after which the server sends its final failure reply.
 */
public final class OAuthBearerMechanism implements SaslMechanism {

    private static final byte[] DUMMY_RESPONSE = {1};

    private final String user;
    private final char[] token;
    private final String host;
    private final int port;
    private boolean errorSeen;

    /**
     * @param host the server's host name as connected to
     * @param port the server's port
     */
    public OAuthBearerMechanism(String user, char[] token, String host, int port) {
        this.user = user;
        this.token = token;
        this.host = host;
        this.port = port;
    }

    @Override
    public String name() {
        return "OAUTHBEARER";
    }

    /** {@code user} as a GS2 authzid: {@code =} becomes {@code =3D} and {@code ,} becomes {@code =2C}. */
    static String gs2Name(String user) {
        return user.replace("=", "=3D").replace(",", "=2C");
    }

    @Override
    public byte[] initialResponse() throws SaslFailure {
        if (user.indexOf('\u0001') >= 0 || host.indexOf('\u0001') >= 0) {
            throw new SaslFailure("OAUTHBEARER: the user name or host contains a control character");
        }
        byte[] bearer = SecretBytes.utf8(token);
        try {
            String head = "n,a=" + gs2Name(user) + ",\u0001host=" + host + "\u0001port=" + port + "\u0001auth=Bearer ";
            return SecretBytes.concat(head.getBytes(StandardCharsets.UTF_8), bearer, new byte[] {1, 1});
        } finally {
            SecretBytes.wipe(bearer);
        }
    }

    /** The first challenge is the server's error report; it gets the dummy response, anything after it is refused. */
    @Override
    public byte[] evaluate(byte[] challenge) throws SaslFailure {
        if (errorSeen) {
            throw new SaslFailure("OAUTHBEARER: unexpected challenge after the error");
        }
        errorSeen = true;
        return DUMMY_RESPONSE.clone();
    }
}
