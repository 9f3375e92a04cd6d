package dev.sendmail.spi;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The PEM text format (RFC 7468) as far as TLS setup needs it: the blocks of one type, and certificates. */
final class Pem {

    private Pem() {
    }

    /** The certificates of the PEM text {@code pem}, in order. */
    static List<X509Certificate> certificates(byte[] pem) throws CertificateException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (byte[] der : blocks(new String(pem, StandardCharsets.ISO_8859_1), "CERTIFICATE")) {
            out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
        }
        return out;
    }

    /** The decoded contents of every {@code -----BEGIN TYPE-----} block of {@code text}. */
    static List<byte[]> blocks(String text, String type) {
        List<byte[]> out = new ArrayList<>();
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = 0;
        while (true) {
            int b = text.indexOf(begin, from);
            if (b < 0) {
                return out;
            }
            int e = text.indexOf(end, b);
            if (e < 0) {
                return out;
            }
            out.add(Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e)));
            from = e + end.length();
        }
    }
}
