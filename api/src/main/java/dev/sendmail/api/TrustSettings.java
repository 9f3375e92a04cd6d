package dev.sendmail.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which servers to trust.
 *
 * @param caFile a PEM bundle or PKCS#12 file of trusted certificate authorities; empty means the system store
 * @param pins SHA-256 fingerprints of the server certificate (hex, colons allowed); when present, a certificate
 *        matching a pin is accepted without chain validation and any other is refused
 * @param clientCertificate a certificate to present to the server
 * @param insecure skip all certificate and host-name checks (dangerous; the CLI warns)
 */
public record TrustSettings(Optional<Path> caFile, List<String> pins, Optional<ClientCertificate> clientCertificate,
                            boolean insecure) {

    /**
     * The system's trusted CAs, host names checked, no pins, no client certificate.
     */
    public static final TrustSettings SYSTEM = new TrustSettings(Optional.empty(), List.of(), Optional.empty(), false);

    /**
     * Checks the components; collections are copied.
     *
     * @param caFile a PEM bundle or PKCS#12 file of trusted certificate authorities; empty means the system store
     * @param pins SHA-256 fingerprints of the server certificate (hex, colons allowed); when present, a certificate
     *        matching a pin is accepted without chain validation and any other is refused
     * @param clientCertificate a certificate to present to the server
     * @param insecure skip all certificate and host-name checks (dangerous; the CLI warns)
     */
    public TrustSettings {
        pins = pins.stream().map(TrustSettings::normalizePin).toList();
    }

    /**
     * Normalizes a SHA-256 fingerprint to 64 lower-case hex digits.
     *
     * @param pin a SHA-256 fingerprint, hex with or without colons
     * @return 64 lower-case hex digits
     */
    public static String normalizePin(String pin) {
        String p = pin.strip().toLowerCase(Locale.ROOT);
        if (p.startsWith("sha256/") || p.startsWith("sha256:")) {
            p = p.substring(7);
        }
        p = p.replace(":", "");
        if (!p.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a TLS fingerprint must be a SHA-256 digest in hex (64 digits): " + pin);
        }
        return p;
    }

    /**
     * The same settings, trusting the CAs of a PEM file.
     *
     * @param file the file
     * @return new settings
     */
    public TrustSettings withCaFile(Path file) {
        return new TrustSettings(Optional.of(file), pins, clientCertificate, insecure);
    }

    /**
     * The same settings with certificate pins.
     *
     * @param value SHA-256 fingerprints
     * @return new settings
     */
    public TrustSettings withPins(List<String> value) {
        return new TrustSettings(caFile, value, clientCertificate, insecure);
    }

    /**
     * The same settings with a client certificate.
     *
     * @param value the certificate and key
     * @return new settings
     */
    public TrustSettings withClientCertificate(ClientCertificate value) {
        return new TrustSettings(caFile, pins, Optional.of(value), insecure);
    }

    /**
     * The same settings, checking certificates or not (dangerous).
     *
     * @param value true to check nothing
     * @return new settings
     */
    public TrustSettings withInsecure(boolean value) {
        return new TrustSettings(caFile, pins, clientCertificate, value);
    }
}
