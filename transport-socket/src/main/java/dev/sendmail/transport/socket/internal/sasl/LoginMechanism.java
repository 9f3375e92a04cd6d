package dev.sendmail.transport.socket.internal.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * LOGIN (draft-murchison-sasl-login): the user name, then the password, each in answer to a prompt. Prompts
 * that say "password" get the password; otherwise the first answer is the user name and the second the password.
 */
public final class LoginMechanism implements SaslMechanism {

    private final String user;
    private final char[] secret;
    private int step;

    public LoginMechanism(String user, char[] secret) {
        this.user = user;
        this.secret = secret;
    }

    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public byte[] initialResponse() {
        return null;
    }

    @Override
    public byte[] evaluate(byte[] challenge) throws SaslFailure {
        String prompt = new String(challenge, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        step++;
        if (step > 2) {
            throw new SaslFailure("LOGIN: more than two prompts");
        }
        boolean password = prompt.contains("password") || (!prompt.contains("user") && step == 2);
        return password ? SecretBytes.utf8(secret) : user.getBytes(StandardCharsets.UTF_8);
    }
}
