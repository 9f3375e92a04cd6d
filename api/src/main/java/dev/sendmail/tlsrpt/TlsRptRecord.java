package dev.sendmail.tlsrpt;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.TxtAnswer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code _smtp._tls.DOMAIN} TXT record that says where TLS reports go (RFC 8460 section 3), such as
 * {@code v=TLSRPTv1; rua=mailto:reports@example.com,https://reporting.example.com/v1/tlsrpt}.
 *
 * @param rua the report URIs in the record's order ({@code mailto:} and {@code https:})
 */
public record TlsRptRecord(List<URI> rua) {

    /**
     * Copies the list.
     *
     * @param rua the report URIs
     */
    public TlsRptRecord {
        rua = List.copyOf(rua);
    }

    /**
     * Picks and parses the record among a name's TXT records: exactly one may start with {@code v=TLSRPTv1}.
     *
     * @param txt the TXT records
     * @return the record
     * @throws IllegalArgumentException with a one-line reason when there is not exactly one valid record
     */
    public static TlsRptRecord select(List<String> txt) {
        List<String> found = new ArrayList<>();
        for (String t : txt) {
            if (t.startsWith("v=TLSRPTv1") && t.substring(10).stripLeading().startsWith(";")) {
                found.add(t);
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.isEmpty() ? "no TXT record starts with v=TLSRPTv1"
                    : found.size() + " TXT records start with v=TLSRPTv1; exactly one is allowed");
        }
        return parse(found.get(0));
    }

    /**
     * Looks up {@code _smtp._tls.DOMAIN} and picks the record.
     *
     * @param resolver the resolver
     * @param domain the policy domain
     * @return the record
     * @throws ResolutionFailedException when the lookup fails (transient)
     * @throws IllegalArgumentException when the name has no valid record (one line)
     */
    public static TlsRptRecord lookup(Resolver resolver, String domain) throws ResolutionFailedException {
        String name = "_smtp._tls." + domain.toLowerCase(Locale.ROOT);
        TxtAnswer a = resolver.txt(name);
        if (a.status() != TxtAnswer.Status.FOUND) {
            throw new IllegalArgumentException(name + " has no TXT record");
        }
        try {
            return select(a.records());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses one record; unknown fields are ignored, {@code rua} is required.
     *
     * @param text the record
     * @return the record
     * @throws IllegalArgumentException with a one-line reason when it is malformed or has no usable URI
     */
    public static TlsRptRecord parse(String text) {
        if (text.length() > 4096) {
            throw new IllegalArgumentException("the TXT record is longer than 4096 characters");
        }
        String[] fields = text.split(";");
        List<URI> uris = null;
        for (int i = 1; i < fields.length; i++) {
            String f = fields[i].strip();
            if (f.isEmpty()) {
                continue;
            }
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a field of the TXT record is not name=value");
            }
            if (f.substring(0, eq).strip().equals("rua")) {
                if (uris != null) {
                    throw new IllegalArgumentException("the TXT record gives rua twice");
                }
                uris = new ArrayList<>();
                for (String u : f.substring(eq + 1).split(",")) {
                    uris.add(uri(u.strip()));
                }
            }
        }
        if (uris == null) {
            throw new IllegalArgumentException("the TXT record has no rua");
        }
        return new TlsRptRecord(uris);
    }

    /**
     * The addresses of the {@code mailto:} URIs, without any {@code ?} part.
     *
     * @return the addresses in the record's order
     */
    public List<String> mailto() {
        List<String> out = new ArrayList<>();
        for (URI u : rua) {
            if (u.getScheme().equals("mailto")) {
                String a = u.getSchemeSpecificPart();
                int q = a.indexOf('?');
                out.add(q < 0 ? a : a.substring(0, q));
            }
        }
        return out;
    }

    private static URI uri(String s) {
        if (s.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
            throw new IllegalArgumentException("a rua URI has a blank or a non-ASCII character");
        }
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("a rua URI is malformed");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("mailto")) {
            String a = u.getSchemeSpecificPart();
            if (a == null || a.indexOf('@') <= 0 || a.contains(",")) {
                throw new IllegalArgumentException("a mailto: rua has no single address");
            }
            return URI.create("mailto:" + u.getRawSchemeSpecificPart());
        }
        if (scheme.equals("https")) {
            return u;
        }
        throw new IllegalArgumentException("a rua URI must be mailto: or https:");
    }
}
