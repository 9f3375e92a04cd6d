package dev.sendmail.spi;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

/** One-line reasons for a failed certificate check: revoked, expired, not yet valid, wrong name, untrusted. */
final class CertificateFailures {

    private CertificateFailures() {
    }

    /** The reason for {@code e}, found in its causes; a message that already starts with "certificate " is kept. */
    static String describe(CertificateException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("certificate ")) {
            return e.getMessage();
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertPathValidatorException v && v.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
                return "certificate revoked (" + String.valueOf(v.getMessage()).replaceFirst(", extension OIDs: \\[]$", "")
                        + ")";
            }
            if (t instanceof CertificateExpiredException) {
                return "certificate expired (" + t.getMessage() + ")";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate not yet valid (" + t.getMessage() + ")";
            }
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("No subject alternative") || m.contains("No name matching")) {
            return "certificate does not match the host name (" + m + ")";
        }
        if (m.contains("PKIX") || m.contains("certification path")) {
            return "certificate not trusted (no path to a trusted CA)";
        }
        return "certificate rejected (" + m + ")";
    }
}
