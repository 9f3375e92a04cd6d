package dev.sendmail.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A client certificate for TLS: either a PEM certificate chain with a PEM PKCS#8 key, or a PKCS#12 file
 * (then {@code keyFile} is empty and {@code password} unlocks it).
 */
public record ClientCertificate(Path certificateFile, Optional<Path> keyFile, Optional<Secret> password) {

    /**
     * Checks the components; collections are copied.
     *
     * @param certificateFile the certificateFile
     * @param keyFile the keyFile
     * @param password the password
     */
    public ClientCertificate {
        if (certificateFile == null || keyFile == null || password == null) {
            throw new NullPointerException("client certificate parts must not be null");
        }
    }
}
