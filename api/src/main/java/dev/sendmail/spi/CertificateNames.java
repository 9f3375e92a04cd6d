package dev.sendmail.spi;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a server certificate names a host, for the checks send-mail makes itself (DANE-TA, MTA-STS): DNS
 * subject alternative names only, compared without case and trailing dot; a wildcard is allowed only as the whole
 * left-most label and stands for exactly one label (RFC 6125 6.4.3, as RFC 7672 3.2.3 and RFC 8461 4.1 use it).
 */
final class CertificateNames {

    private static final int DNS_NAME = 2;

    private CertificateNames() {
    }

    static boolean matches(X509Certificate cert, String host) {
        String wanted = normalize(host);
        if (wanted.isEmpty()) {
            return false;
        }
        Collection<List<?>> names;
        try {
            names = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (names == null) {
            return false;
        }
        for (List<?> entry : names) {
            if (entry.size() >= 2 && entry.get(0) instanceof Integer type && type == DNS_NAME
                    && entry.get(1) instanceof String dns && matchesPattern(normalize(dns), wanted)) {
                return true;
            }
        }
        return false;
    }

    static boolean matchesPattern(String pattern, String host) {
        if (pattern.isEmpty()) {
            return false;
        }
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(1);
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(suffix) && suffix.indexOf('.', 1) > 0;
        }
        return pattern.indexOf('*') < 0 && pattern.equals(host);
    }

    private static String normalize(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
