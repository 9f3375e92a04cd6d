package dev.sendmail.transport.socket.internal.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Mac;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding ({@code n,,}). The password never travels, and
 * the server must prove it knows it: {@link #complete()} fails unless the server's signature was verified.
 * The iteration count is bounded so a hostile server cannot make the client spin. The password is used as its
 * UTF-8 octets (no SASLprep), which is exact for ASCII passwords.
 */
public final class ScramSha256Mechanism implements SaslMechanism {

    static final int MAX_ITERATIONS = 1_000_000;

    private final String user;
    private final char[] secret;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;
    private boolean verified;
    private int step;

    public ScramSha256Mechanism(String user, char[] secret) {
        this(user, secret, ScramSha256Mechanism::randomNonce);
    }

    /** With an injected nonce, for tests against the RFC 7677 example. */
    ScramSha256Mechanism(String user, char[] secret, Supplier<String> nonce) {
        this.user = user;
        this.secret = secret;
        this.clientNonce = nonce.get();
    }

    private static String randomNonce() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public String name() {
        return "SCRAM-SHA-256";
    }

    @Override
    public byte[] initialResponse() {
        String name = user.replace("=", "=3D").replace(",", "=2C");
        clientFirstBare = "n=" + name + ",r=" + clientNonce;
        step = 1;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluate(byte[] challenge) throws SaslFailure {
        String text = new String(challenge, StandardCharsets.UTF_8);
        if (step == 0) {
            if (!text.isEmpty()) {
                throw new SaslFailure("SCRAM-SHA-256: server spoke first");
            }
            return initialResponse();
        }
        if (step == 1) {
            step = 2;
            return clientFinal(text);
        }
        if (step == 2) {
            step = 3;
            verifyServerFinal(text);
            return new byte[0];
        }
        throw new SaslFailure("SCRAM-SHA-256: unexpected challenge");
    }

    @Override
    public void complete() throws SaslFailure {
        if (!verified) {
            throw new SaslFailure("SCRAM-SHA-256: the server did not prove it knows the password");
        }
    }

    private byte[] clientFinal(String serverFirst) throws SaslFailure {
        String nonce = null;
        String salt = null;
        String iterations = null;
        for (String attr : serverFirst.split(",")) {
            if (attr.length() < 2 || attr.charAt(1) != '=') {
                throw new SaslFailure("SCRAM-SHA-256: malformed server message");
            }
            String value = attr.substring(2);
            switch (attr.charAt(0)) {
                case 'r' -> nonce = value;
                case 's' -> salt = value;
                case 'i' -> iterations = value;
                case 'm' -> throw new SaslFailure("SCRAM-SHA-256: unsupported mandatory extension");
                case 'e' -> throw new SaslFailure("SCRAM-SHA-256: server error " + value);
                default -> {
                    // optional extension: ignore
                }
            }
        }
        if (nonce == null || salt == null || iterations == null) {
            throw new SaslFailure("SCRAM-SHA-256: server message lacks r, s or i");
        }
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new SaslFailure("SCRAM-SHA-256: server nonce does not extend ours");
        }
        int count;
        byte[] saltBytes;
        try {
            count = Integer.parseInt(iterations);
            saltBytes = Base64.getDecoder().decode(salt);
        } catch (IllegalArgumentException e) {
            throw new SaslFailure("SCRAM-SHA-256: bad salt or iteration count");
        }
        if (count < 1 || count > MAX_ITERATIONS) {
            throw new SaslFailure("SCRAM-SHA-256: iteration count out of range: " + count);
        }
        byte[] salted = null;
        byte[] clientKey = null;
        try {
            salted = hi(SecretBytes.utf8(secret), saltBytes, count);
            clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            String withoutProof = "c=biws,r=" + nonce;
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] signature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SaslFailure("SCRAM-SHA-256: " + e.getMessage());
        } finally {
            SecretBytes.wipe(salted, clientKey);
        }
    }

    private void verifyServerFinal(String serverFinal) throws SaslFailure {
        if (serverFinal.startsWith("e=")) {
            throw new SaslFailure("SCRAM-SHA-256: server error " + serverFinal.substring(2));
        }
        if (!serverFinal.startsWith("v=")) {
            throw new SaslFailure("SCRAM-SHA-256: malformed server final message");
        }
        byte[] got;
        try {
            got = Base64.getDecoder().decode(serverFinal.substring(2).split(",")[0]);
        } catch (IllegalArgumentException e) {
            throw new SaslFailure("SCRAM-SHA-256: malformed server signature");
        }
        if (!MessageDigest.isEqual(got, expectedServerSignature)) {
            throw new SaslFailure("SCRAM-SHA-256: wrong server signature");
        }
        verified = true;
    }

    /** PBKDF2 with HMAC-SHA-256 (RFC 5802 Hi); takes {@code password} and wipes it. */
    private static byte[] hi(byte[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        SecretBytes.RawKey key = new SecretBytes.RawKey("HmacSHA256", password);
        try {
            mac.init(key);
        } finally {
            key.destroy();
        }
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        SecretBytes.RawKey k = new SecretBytes.RawKey("HmacSHA256", key.clone());
        try {
            mac.init(k);
        } finally {
            k.destroy();
        }
        return mac.doFinal(data);
    }
}
