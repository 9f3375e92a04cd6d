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
 * @param hostOverride the name the server certificate must carry (and the TLS server name indication), instead of
 *        the name of the host connected to (msmtp's {@code tls_host_override}); for configured and opportunistic
 *        TLS, not for a host's DANE or MTA-STS requirement, which names its own
 * @param crlFile a PEM or DER file of certificate revocation lists: a certificate of the server's chain that a list
 *        of its issuer revokes is refused; a certificate no list covers is checked as without the file
 * @param protocols the TLS protocol versions to enable, a non-empty subset of {@link #PROTOCOLS}, newest first
 */
public record TrustSettings(Optional<Path> caFile, List<String> pins, Optional<ClientCertificate> clientCertificate,
                            boolean insecure, Optional<String> hostOverride, Optional<Path> crlFile,
                            List<String> protocols) {

    /** The protocol versions send-mail ever enables, newest first: TLS 1.3 and TLS 1.2. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

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
     * @param hostOverride the name the server certificate must carry instead of the host's
     * @param crlFile a file of certificate revocation lists to check the server's chain against
     * @param protocols the TLS protocol versions to enable, a non-empty subset of {@link #PROTOCOLS}
     * @throws IllegalArgumentException for a bad pin, a host override that is not a host name, or protocols
     *         outside {@link #PROTOCOLS} (or none)
     */
    public TrustSettings {
        pins = pins.stream().map(TrustSettings::normalizePin).toList();
        if (hostOverride.isPresent() && !hostOverride.get().matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9.])?")) {
            throw new IllegalArgumentException("a TLS host override must be a host name: " + hostOverride.get());
        }
        if (protocols.isEmpty() || !PROTOCOLS.containsAll(protocols)) {
            throw new IllegalArgumentException("TLS protocols must be some of " + String.join(", ", PROTOCOLS) + ": "
                    + protocols);
        }
        protocols = PROTOCOLS.stream().filter(protocols::contains).toList();
    }

    /**
     * Settings with the default host name, no revocation list and TLS 1.3 and 1.2.
     *
     * @param caFile a PEM bundle or PKCS#12 file of trusted certificate authorities; empty means the system store
     * @param pins SHA-256 fingerprints of the server certificate (hex, colons allowed)
     * @param clientCertificate a certificate to present to the server
     * @param insecure skip all certificate and host-name checks (dangerous; the CLI warns)
     */
    public TrustSettings(Optional<Path> caFile, List<String> pins, Optional<ClientCertificate> clientCertificate,
                         boolean insecure) {
        this(caFile, pins, clientCertificate, insecure, Optional.empty(), Optional.empty(), PROTOCOLS);
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
        return new TrustSettings(Optional.of(file), pins, clientCertificate, insecure, hostOverride, crlFile, protocols);
    }

    /**
     * The same settings with certificate pins.
     *
     * @param value SHA-256 fingerprints
     * @return new settings
     */
    public TrustSettings withPins(List<String> value) {
        return new TrustSettings(caFile, value, clientCertificate, insecure, hostOverride, crlFile, protocols);
    }

    /**
     * The same settings with a client certificate.
     *
     * @param value the certificate and key
     * @return new settings
     */
    public TrustSettings withClientCertificate(ClientCertificate value) {
        return new TrustSettings(caFile, pins, Optional.of(value), insecure, hostOverride, crlFile, protocols);
    }

    /**
     * The same settings, checking certificates or not (dangerous).
     *
     * @param value true to check nothing
     * @return new settings
     */
    public TrustSettings withInsecure(boolean value) {
        return new TrustSettings(caFile, pins, clientCertificate, value, hostOverride, crlFile, protocols);
    }

    /**
     * The same settings, checking the server certificate against another name than the host's.
     *
     * @param name the host name the certificate must carry
     * @return new settings
     * @throws IllegalArgumentException when {@code name} is not a host name
     */
    public TrustSettings withHostOverride(String name) {
        return new TrustSettings(caFile, pins, clientCertificate, insecure, Optional.of(name), crlFile, protocols);
    }

    /**
     * The same settings, refusing certificates that the revocation lists in {@code file} revoke.
     *
     * @param file a PEM or DER file of certificate revocation lists
     * @return new settings
     */
    public TrustSettings withCrlFile(Path file) {
        return new TrustSettings(caFile, pins, clientCertificate, insecure, hostOverride, Optional.of(file), protocols);
    }

    /**
     * The same settings with other TLS protocol versions enabled.
     *
     * @param value some of {@link #PROTOCOLS}
     * @return new settings
     * @throws IllegalArgumentException when {@code value} is empty or names another protocol
     */
    public TrustSettings withProtocols(List<String> value) {
        return new TrustSettings(caFile, pins, clientCertificate, insecure, hostOverride, crlFile, value);
    }
}
