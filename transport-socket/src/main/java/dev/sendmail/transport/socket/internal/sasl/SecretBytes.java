package dev.sendmail.transport.socket.internal.sasl;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A password's octets without a {@code String} on the way: UTF-8 from the char array, and an HMAC key whose
 * octets the caller can wipe. Every array these methods return is the caller's to wipe with {@link #wipe}.
 */
final class SecretBytes {

    private SecretBytes() {
    }

    /** The UTF-8 octets of {@code chars}; intermediate buffers are wiped. */
    static byte[] utf8(char[] chars) throws SaslFailure {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer encoded;
        try {
            encoded = encoder.encode(CharBuffer.wrap(chars));
        } catch (CharacterCodingException e) {
            throw new SaslFailure("the password is not valid Unicode (a lone surrogate)");
        }
        byte[] out = Arrays.copyOfRange(encoded.array(), encoded.arrayOffset(), encoded.arrayOffset() + encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        return out;
    }

    /** {@code parts} one after another in a new array. */
    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static void wipe(byte[]... arrays) {
        for (byte[] a : arrays) {
            if (a != null) {
                Arrays.fill(a, (byte) 0);
            }
        }
    }

    /**
     * An HMAC key over octets this object owns: {@link #getEncoded()} hands out a copy (the JDK's HMAC wipes its
     * copy once it has derived its pads) and {@link #destroy()} wipes the original, which {@code SecretKeySpec}
     * cannot do.
     */
    static final class RawKey implements SecretKey {
        private static final long serialVersionUID = 1L;
        private final String algorithm;
        private final byte[] key;
        private boolean destroyed;

        /** Takes ownership of {@code key}. */
        RawKey(String algorithm, byte[] key) {
            this.algorithm = algorithm;
            this.key = key;
        }

        @Override
        public String getAlgorithm() {
            return algorithm;
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            if (destroyed) {
                throw new IllegalStateException("key destroyed");
            }
            return key.clone();
        }

        @Override
        public void destroy() {
            Arrays.fill(key, (byte) 0);
            destroyed = true;
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }
    }
}
