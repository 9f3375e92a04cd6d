package dev.sendmail.transport.socket.internal.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;

/** CRAM-MD5 (RFC 2195): {@code user SP hex(HMAC-MD5(password, challenge))}. The password never travels. */
public final class CramMd5Mechanism implements SaslMechanism {

    private final String user;
    private final char[] secret;
    private boolean answered;

    public CramMd5Mechanism(String user, char[] secret) {
        this.user = user;
        this.secret = secret;
    }

    @Override
    public String name() {
        return "CRAM-MD5";
    }

    @Override
    public byte[] initialResponse() {
        return null;
    }

    @Override
    public byte[] evaluate(byte[] challenge) throws SaslFailure {
        if (answered) {
            throw new SaslFailure("CRAM-MD5: unexpected second challenge");
        }
        if (challenge.length == 0) {
            throw new SaslFailure("CRAM-MD5: empty challenge");
        }
        answered = true;
        SecretBytes.RawKey key = new SecretBytes.RawKey("HmacMD5", SecretBytes.utf8(secret));
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(key);
            String digest = HexFormat.of().formatHex(mac.doFinal(challenge));
            return (user + " " + digest).getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SaslFailure("CRAM-MD5: HmacMD5 unavailable: " + e.getMessage());
        } finally {
            key.destroy();
        }
    }
}
