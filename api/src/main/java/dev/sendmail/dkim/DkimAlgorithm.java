package dev.sendmail.dkim;

/** The signing algorithms: the value of the {@code a=} tag, and the key type of the DNS record. */
public enum DkimAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256 (RFC 6376). */
    RSA_SHA256("rsa-sha256", "rsa"),
    /** PureEdDSA Ed25519 over the SHA-256 hash of the header data (RFC 8463). */
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String tag;
    private final String keyType;

    DkimAlgorithm(String tag, String keyType) {
        this.tag = tag;
        this.keyType = keyType;
    }

    /**
     * The {@code a=} value, such as {@code rsa-sha256}.
     *
     * @return the name in the {@code a=} tag
     */
    public String tag() {
        return tag;
    }

    /**
     * The {@code k=} value of the DNS record, such as {@code rsa}.
     *
     * @return the {@code k=} value of the DNS record
     */
    public String keyType() {
        return keyType;
    }
}
