package dev.sendmail.resolver.dns.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * DNSSEC trust anchors: DS or DNSKEY records in zone-file form (comments with {@code ;}), as dnsjava's
 * {@code ValidatingResolver} reads them. The IANA root anchors ship as a resource; a file replaces them (for a
 * private or test zone, the zone's own DS or DNSKEY). Checked when loaded, so a bad file fails with one line.
 *
 * @param text the records, one per line in canonical zone-file form (TTL and class included)
 * @param owners the names the anchors are for, such as {@code .}
 */
public record TrustAnchors(String text, List<Name> owners) {

    /** Largest anchor file read. */
    static final int MAX_BYTES = 64 * 1024;
    static final String ROOT_RESOURCE = "root-anchors.txt";
    /** The TTL given to anchors written without one (it plays no part in validation). */
    static final long DEFAULT_TTL = 86_400;

    public TrustAnchors {
        owners = List.copyOf(owners);
    }

    /** The IANA root anchors shipped with send-mail. */
    public static TrustAnchors root() {
        try (InputStream in = TrustAnchors.class.getResourceAsStream(ROOT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + ROOT_RESOURCE + " is missing");
            }
            return parse(new String(in.readNBytes(MAX_BYTES), StandardCharsets.US_ASCII), ROOT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ROOT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads anchors from a file.
     *
     * @throws IllegalArgumentException with a one-line reason naming the file
     */
    public static TrustAnchors read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException("DNSSEC trust anchor file " + file + " is larger than "
                        + MAX_BYTES + " octets");
            }
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read DNSSEC trust anchor file " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read DNSSEC trust anchor file " + file + ": "
                    + Failures.detail(e));
        }
        return parse(new String(bytes, StandardCharsets.ISO_8859_1), file.toString());
    }

    /**
     * Parses anchors; only DS and DNSKEY records of class IN count, anything else is an error.
     *
     * @throws IllegalArgumentException with a one-line reason naming {@code source}
     */
    public static TrustAnchors parse(String text, String source) {
        Set<Name> owners = new LinkedHashSet<>();
        StringBuilder normalized = new StringBuilder();
        try (Master m = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)),
                Name.root, DEFAULT_TTL)) {
            m.disableIncludes();
            org.xbill.DNS.Record r;
            while ((r = m.nextRecord()) != null) {
                if ((r.getType() != Type.DS && r.getType() != Type.DNSKEY) || r.getDClass() != DClass.IN) {
                    throw new IllegalArgumentException("DNSSEC trust anchor file " + source + " has a "
                            + Type.string(r.getType()) + " record; only DS and DNSKEY records are anchors");
                }
                owners.add(r.getName());
                normalized.append(r).append('\n');
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("DNSSEC trust anchor file")) {
                throw iae;
            }
            throw new IllegalArgumentException("DNSSEC trust anchor file " + source + " is not valid: "
                    + Failures.detail(e));
        }
        if (owners.isEmpty()) {
            throw new IllegalArgumentException("DNSSEC trust anchor file " + source + " has no DS or DNSKEY record");
        }
        return new TrustAnchors(normalized.toString(), new ArrayList<>(owners));
    }
}
