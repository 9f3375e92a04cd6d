package dev.sendmail.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A DKIM private key with its public half and the algorithm its type implies: RSA keys sign {@code rsa-sha256},
 * Ed25519 keys {@code ed25519-sha256}. Read from PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}, what
 * {@code openssl genpkey} writes) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). Encrypted keys are not read.
 */
public final class DkimKey {

    /** RSA keys shorter than this are refused (RFC 8301); 2048 is the size to generate. */
    public static final int MIN_RSA_BITS = 1024;
    /** RSA keys longer than this are refused: verifiers are not required to handle them. */
    public static final int MAX_RSA_BITS = 4096;
    /** A PEM file larger than this is not a key. */
    static final int MAX_PEM_OCTETS = 64 * 1024;

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final DkimAlgorithm algorithm;

    private DkimKey(PrivateKey privateKey, PublicKey publicKey, DkimAlgorithm algorithm) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.algorithm = algorithm;
    }

    /**
     * Reads a PEM key file. A file that its group or others can read is refused, like a password file.
     *
     * @throws DkimException when the file is missing, unreadable, readable by others, or not a usable key
     * @param file the PEM file
     * @return the key
     */
    public static DkimKey read(Path file) throws DkimException {
        Set<PosixFilePermission> perms = Set.of();
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException e) {
            throw new DkimException("DKIM key " + file + " does not exist");
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new DkimException("cannot read DKIM key " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
            throw new DkimException("DKIM key " + file + " is readable by others (chmod 600 it)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_PEM_OCTETS + 1);
        } catch (IOException e) {
            throw new DkimException("cannot read DKIM key " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_PEM_OCTETS) {
            throw new DkimException("DKIM key " + file + " is over " + MAX_PEM_OCTETS + " octets: not a PEM key");
        }
        try {
            return parse(new String(bytes, StandardCharsets.US_ASCII));
        } catch (DkimException e) {
            throw new DkimException("DKIM key " + file + ": " + e.getMessage());
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Parses a PEM private key (PKCS#8 or PKCS#1 RSA).
     *
     * @param pem the PEM text
     * @return the key
     * @throws DkimException when the text is not a usable key
     */
    public static DkimKey parse(String pem) throws DkimException {
        return of(Pem.privateKey(pem));
    }

    /**
     * Wraps a private key already in memory; its type picks the algorithm.
     *
     * @param key an RSA or Ed25519 private key
     * @return the key
     * @throws DkimException for another key type or an RSA key that is too short
     */
    public static DkimKey of(PrivateKey key) throws DkimException {
        Objects.requireNonNull(key, "key");
        try {
            if (key instanceof RSAPrivateCrtKey rsa) {
                int bits = rsa.getModulus().bitLength();
                if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                    throw new DkimException("an RSA key of " + bits + " bits; DKIM needs " + MIN_RSA_BITS
                            + " to " + MAX_RSA_BITS + " (2048 recommended)");
                }
                PublicKey pub = KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
                return new DkimKey(key, pub, DkimAlgorithm.RSA_SHA256);
            }
            if (key instanceof EdECPrivateKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
                byte[] seed = ed.getBytes().orElseThrow(() -> new DkimException("an Ed25519 key without its bytes"));
                PublicKey pub = ed25519Public(seed);
                Arrays.fill(seed, (byte) 0);
                DkimKey k = new DkimKey(key, pub, DkimAlgorithm.ED25519_SHA256);
                k.selfTest();
                return k;
            }
        } catch (GeneralSecurityException e) {
            throw new DkimException("unusable key: " + e.getMessage(), e);
        }
        throw new DkimException("a " + key.getAlgorithm() + " key; DKIM signs with RSA or Ed25519 keys");
    }

    /**
     * RSA or Ed25519, as the key's type says.
     *
     * @return the algorithm
     */
    public DkimAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * The public half, for the DNS record.
     *
     * @return the public key
     */
    public PublicKey publicKey() {
        return publicKey;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * The size of an RSA modulus, or 256 for Ed25519.
     *
     * @return the key size in bits
     */
    public int bits() {
        return publicKey instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 256;
    }

    /**
     * Why the key is weaker than RFC 8301 asks of signers (RSA keys of at least 2048 bits), if it is; DKIM
     * still accepts RSA keys down to {@value #MIN_RSA_BITS} bits, so such a key signs, but should be replaced.
     *
     * @return one line such as {@code a 1024-bit RSA key; use 2048 bits or more}, or empty
     */
    public Optional<String> weakness() {
        return algorithm == DkimAlgorithm.RSA_SHA256 && bits() < 2048
                ? Optional.of("a " + bits() + "-bit RSA key; use 2048 bits or more") : Optional.empty();
    }

    /**
     * The {@code p=} value of the DNS record: base64 of the SubjectPublicKeyInfo for RSA, of the 32-octet
     * public key for Ed25519 (RFC 8463 section 4).
     *
     * @return the {@code p=} value
     */
    public String publicKeyTag() {
        byte[] spki = publicKey.getEncoded();
        if (algorithm == DkimAlgorithm.ED25519_SHA256) {
            spki = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        }
        return Base64.getEncoder().encodeToString(spki);
    }

    /**
     * The TXT record to publish at {@code SELECTOR._domainkey.DOMAIN}.
     *
     * @return the TXT record text
     */
    public String dnsRecord() {
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + publicKeyTag();
    }

    @Override
    public String toString() {
        return "DkimKey[" + algorithm.tag() + ", " + bits() + " bits]";
    }

    /**
     * The JDK derives an Ed25519 public key only while generating a pair, from the 32 octets its random
     * source gives; handing it the private key's octets makes it derive that key's public half.
     */
    private static PublicKey ed25519Public(byte[] seed) throws GeneralSecurityException {
        SecureRandom fixed = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] out) {
                if (out.length != seed.length) {
                    throw new IllegalStateException("unexpected request for " + out.length + " octets");
                }
                System.arraycopy(seed, 0, out, 0, out.length);
            }
        };
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(NamedParameterSpec.ED25519, fixed);
        KeyPair pair = g.generateKeyPair();
        return pair.getPublic();
    }

    /** Signs and verifies one string, so a derived public key that does not match is found here. */
    private void selfTest() throws GeneralSecurityException, DkimException {
        byte[] probe = "send-mail DKIM key check".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(privateKey);
        s.update(probe);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(publicKey);
        v.update(probe);
        if (!v.verify(sig)) {
            throw new DkimException("the Ed25519 public key could not be derived from the private key");
        }
    }

    /** Decodes a PEM private key into a JDK key. */
    static final class Pem {
        private static final byte[] RSA_ALGORITHM_ID = {
            0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
        };

        private Pem() {
        }

        static PrivateKey privateKey(String pem) throws DkimException {
            String type = null;
            StringBuilder b64 = new StringBuilder();
            boolean done = false;
            for (String raw : pem.split("\r?\n|\r", -1)) {
                String line = raw.strip();
                if (done || line.isEmpty()) {
                    continue;
                }
                if (type == null) {
                    if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
                        type = line.substring(11, line.length() - 5);
                    }
                    continue;
                }
                if (line.equals("-----END " + type + "-----")) {
                    done = true;
                } else if (line.contains(":")) {
                    throw new DkimException("an encrypted PEM key; decrypt it first (openssl pkey -in KEY -out PLAIN)");
                } else {
                    b64.append(line);
                }
            }
            if (type == null) {
                throw new DkimException("no PEM private key found (expected -----BEGIN PRIVATE KEY-----)");
            }
            if (!done) {
                throw new DkimException("the PEM block " + type + " has no END line");
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(b64.toString());
            } catch (IllegalArgumentException e) {
                throw new DkimException("the PEM block " + type + " is not valid base64");
            }
            try {
                switch (type) {
                    case "PRIVATE KEY":
                        return pkcs8(der);
                    case "RSA PRIVATE KEY":
                        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs1(der)));
                    case "ENCRYPTED PRIVATE KEY":
                        throw new DkimException("an encrypted PEM key; decrypt it first (openssl pkey -in KEY -out PLAIN)");
                    default:
                        throw new DkimException("a PEM " + type + "; DKIM needs an RSA or Ed25519 private key");
                }
            } catch (GeneralSecurityException e) {
                throw new DkimException("the PEM block " + type + " is not a valid key", e);
            } finally {
                Arrays.fill(der, (byte) 0);
            }
        }

        private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
            PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
            GeneralSecurityException first = null;
            for (String type : new String[] {"RSA", "Ed25519"}) {
                try {
                    return KeyFactory.getInstance(type).generatePrivate(spec);
                } catch (GeneralSecurityException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            throw new GeneralSecurityException("neither an RSA nor an Ed25519 PKCS#8 key", first);
        }

        /** PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL parameters). */
        static byte[] wrapPkcs1(byte[] pkcs1) {
            byte[] octets = tlv(0x04, pkcs1);
            byte[] version = {0x02, 0x01, 0x00};
            byte[] body = new byte[version.length + RSA_ALGORITHM_ID.length + octets.length];
            System.arraycopy(version, 0, body, 0, version.length);
            System.arraycopy(RSA_ALGORITHM_ID, 0, body, version.length, RSA_ALGORITHM_ID.length);
            System.arraycopy(octets, 0, body, version.length + RSA_ALGORITHM_ID.length, octets.length);
            return tlv(0x30, body);
        }

        /** One DER element with a definite length. */
        static byte[] tlv(int tag, byte[] value) {
            int n = value.length;
            int lengthOctets = n < 0x80 ? 0 : n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
            byte[] out = new byte[2 + lengthOctets + n];
            out[0] = (byte) tag;
            if (lengthOctets == 0) {
                out[1] = (byte) n;
            } else {
                out[1] = (byte) (0x80 | lengthOctets);
                for (int i = 0; i < lengthOctets; i++) {
                    out[2 + i] = (byte) (n >>> (8 * (lengthOctets - 1 - i)));
                }
            }
            System.arraycopy(value, 0, out, 2 + lengthOctets, n);
            return out;
        }
    }
}
