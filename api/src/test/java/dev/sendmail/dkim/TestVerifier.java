package dev.sendmail.dkim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A verifier written from RFC 6376 section 6 for tests: it checks a message's DKIM-Signature fields against a
 * given public key. It shares the canonicalization code with the signer, so on its own it proves consistency;
 * against the RFCs' published signatures it proves the canonicalization and the algorithms.
 */
final class TestVerifier {

    private TestVerifier() {
    }

    /** The tags of a DKIM-Signature field's value, white space removed from b= and bh=. */
    static Map<String, String> tags(byte[] rawField) {
        String s = new String(rawField, StandardCharsets.ISO_8859_1);
        s = s.substring(s.indexOf(':') + 1).replaceAll("\r\n[ \t]", " ").strip();
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : s.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (name.equals("b") || name.equals("bh")) {
                value = value.replaceAll("[ \t\r\n]", "");
            }
            tags.put(name, value);
        }
        return tags;
    }

    /** Whether the {@code index}-th DKIM-Signature (from the top) verifies with {@code key}. */
    static boolean verify(byte[] message, int index, PublicKey key) throws Exception {
        HeaderSection hs = HeaderSection.read(new ByteArrayInputStream(message), message.length + 16);
        List<HeaderSection.Field> fields = hs.fields();
        HeaderSection.Field sigField = null;
        int seen = 0;
        for (HeaderSection.Field f : fields) {
            if (f.name().equals("dkim-signature") && seen++ == index) {
                sigField = f;
            }
        }
        if (sigField == null) {
            throw new AssertionError("no DKIM-Signature number " + index);
        }
        Map<String, String> t = tags(sigField.raw());
        String[] c = t.getOrDefault("c", "simple/simple").split("/");
        Canonicalization hc = Canonicalization.parse(c[0]);
        Canonicalization bc = c.length > 1 ? Canonicalization.parse(c[1]) : Canonicalization.SIMPLE;

        String bh = bodyHash(message, bc);
        if (!bh.equals(t.get("bh"))) {
            return false;
        }
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        boolean[] used = new boolean[fields.size()];
        for (String n : t.get("h").split(":")) {
            String name = n.strip().toLowerCase(java.util.Locale.ROOT);
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (!used[i] && fields.get(i).name().equals(name)) {
                    used[i] = true;
                    byte[] raw = fields.get(i).raw();
                    data.writeBytes(hc == Canonicalization.RELAXED ? HeaderSection.relaxed(raw, true) : raw);
                    break;
                }
            }
        }
        byte[] own = withoutSignatureValue(sigField.raw());
        data.writeBytes(hc == Canonicalization.RELAXED ? HeaderSection.relaxed(own, false) : own);
        byte[] sig = Base64.getDecoder().decode(t.get("b"));
        if (t.get("a").equals("ed25519-sha256")) {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(DkimSigner.sha256().digest(data.toByteArray()));
            return v.verify(sig);
        }
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(key);
        v.update(data.toByteArray());
        return v.verify(sig);
    }

    static String bodyHash(byte[] message, Canonicalization bc) throws IOException {
        HeaderSection hs = HeaderSection.read(new ByteArrayInputStream(message), message.length + 16);
        BodyCanonicalizer b = new BodyCanonicalizer(bc, DkimSigner.sha256());
        b.update(hs.buffer(), hs.position(), hs.limit() - hs.position());
        return Base64.getEncoder().encodeToString(b.finish());
    }

    /** The field without its final CRLF and with the value of the b= tag removed (RFC 6376 section 3.7). */
    static byte[] withoutSignatureValue(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        s = s.substring(0, s.length() - 2);
        int colon = s.indexOf(':');
        int i = colon + 1;
        List<int[]> cut = new ArrayList<>();
        while (i < s.length()) {
            int semi = s.indexOf(';', i);
            int end = semi < 0 ? s.length() : semi;
            String part = s.substring(i, end);
            int eq = part.indexOf('=');
            if (eq >= 0 && part.substring(0, eq).strip().equals("b")) {
                cut.add(new int[] {i + eq + 1, end});
            }
            i = end + 1;
        }
        int[] c = cut.get(0);
        return (s.substring(0, c[0]) + s.substring(c[1])).getBytes(StandardCharsets.ISO_8859_1);
    }
}
