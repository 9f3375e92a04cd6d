package dev.sendmail.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One {@code DKIM-Signature} field (RFC 6376 section 3.5) for a {@link SignatureSpec}: the tags folded to lines of
 * at most 78 characters, the signed header fields chosen bottom-up (section 5.4.2), the header hash signed with
 * the key (RSA-SHA256, or Ed25519 over the SHA-256 hash as RFC 8463 says).
 */
final class DkimSignatureField {

    private static final int LINE = 78;

    private DkimSignatureField() {
    }

    /** One complete {@code DKIM-Signature} field, CRLF-terminated. */
    static byte[] build(SignatureSpec s, List<HeaderSection.Field> fields, String bodyHash, long now)
            throws DkimException {
        List<String> names = new ArrayList<>();
        for (HeaderSection.Field f : fields) {
            if (s.headers().contains(f.name())) {
                names.add(f.name());
            }
        }
        if (s.oversign()) {
            for (String n : DkimSigner.OVERSIGNED_HEADERS) {
                if (s.headers().contains(n)) {
                    names.add(n);
                }
            }
        }
        Folder f = new Folder("DKIM-Signature:");
        f.add("v=1;");
        f.add("a=" + s.key().algorithm().tag() + ";");
        f.add("c=" + s.header().tag() + "/" + s.body().tag() + ";");
        f.add("d=" + s.domain() + ";");
        f.add("s=" + s.selector() + ";");
        f.add("t=" + now + ";");
        if (s.expiry().isPresent()) {
            f.add("x=" + (now + Math.max(1, s.expiry().get().toSeconds())) + ";");
        }
        for (int i = 0; i < names.size(); i++) {
            String piece = (i == 0 ? "h=" : "") + names.get(i) + (i == names.size() - 1 ? ";" : ":");
            f.add(piece, i == 0);
        }
        f.add("bh=" + bodyHash + ";");
        f.breakLine();
        f.add("b=");
        String prefix = f.text();

        ByteArrayOutputStream data = new ByteArrayOutputStream();
        boolean[] used = new boolean[fields.size()];
        for (String name : names) {
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (!used[i] && fields.get(i).name().equals(name)) {
                    used[i] = true;
                    byte[] raw = fields.get(i).raw();
                    data.writeBytes(s.header() == Canonicalization.RELAXED ? HeaderSection.relaxed(raw, true) : raw);
                    break;
                }
            }
        }
        byte[] own = prefix.getBytes(StandardCharsets.US_ASCII);
        data.writeBytes(s.header() == Canonicalization.RELAXED ? HeaderSection.relaxed(own, false) : own);

        String b64 = Base64.getEncoder().encodeToString(sign(s.key(), data.toByteArray()));
        StringBuilder out = new StringBuilder(prefix);
        int column = f.column();
        int i = 0;
        while (i < b64.length()) {
            int room = LINE - column;
            if (room < 8) {
                out.append("\r\n\t");
                column = 1;
                room = LINE - 1;
            }
            int n = Math.min(room, b64.length() - i);
            out.append(b64, i, i + n);
            column += n;
            i += n;
        }
        out.append("\r\n");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] sign(DkimKey key, byte[] headerData) throws DkimException {
        try {
            if (key.algorithm() == DkimAlgorithm.ED25519_SHA256) {
                Signature sig = Signature.getInstance("Ed25519");
                sig.initSign(key.privateKey());
                sig.update(DkimSigner.sha256().digest(headerData));
                return sig.sign();
            }
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initSign(key.privateKey());
            sig.update(headerData);
            return sig.sign();
        } catch (GeneralSecurityException e) {
            throw new DkimException("signing failed: " + e.getMessage(), e);
        }
    }

    /** Writes tag pieces separated by a space, folding with CRLF TAB before a piece that would pass the line. */
    private static final class Folder {
        private final StringBuilder sb;
        private int column;

        Folder(String start) {
            sb = new StringBuilder(start);
            column = start.length();
        }

        void add(String piece) {
            add(piece, true);
        }

        void add(String piece, boolean spaced) {
            int need = piece.length() + (spaced ? 1 : 0);
            if (column + need > LINE && column > 1) {
                breakLine();
            } else if (spaced && column > 1) {
                sb.append(' ');
                column++;
            }
            sb.append(piece);
            column += piece.length();
        }

        void breakLine() {
            sb.append("\r\n\t");
            column = 1;
        }

        String text() {
            return sb.toString();
        }

        int column() {
            return column;
        }
    }
}
