package dev.sendmail.dkim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header section of a message, read from the start of a stream up to the empty line, each field in its wire
 * form: every line ending is CRLF, an unterminated last line is ended. Bounded in octets and fields. The stream
 * is read through a buffer; what follows the header section stays in {@link #buffer()} for the body.
 */
final class HeaderSection {

    /** At most this many octets of header section are held. */
    static final int MAX_OCTETS = 1024 * 1024;
    /** At most this many fields. */
    static final int MAX_FIELDS = 10_000;

    /** One header field: its name (lower case, trailing white space removed) and its octets with CRLFs. */
    record Field(String name, byte[] raw) {
    }

    private final List<Field> fields = new ArrayList<>();
    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;

    private HeaderSection(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Reads the header section; the stream is left positioned somewhere in the body. */
    static HeaderSection read(InputStream in, int bufferSize) throws IOException {
        HeaderSection h = new HeaderSection(in, bufferSize);
        h.parse();
        return h;
    }

    List<Field> fields() {
        return fields;
    }

    /** The buffer holding the first body octets, from {@link #position()} to {@link #limit()}. */
    byte[] buffer() {
        return buf;
    }

    int position() {
        return pos;
    }

    int limit() {
        return limit;
    }

    private int next() throws IOException {
        if (pos == limit) {
            if (eof) {
                return -1;
            }
            int n = in.read(buf, 0, buf.length);
            while (n == 0) {
                n = in.read(buf, 0, buf.length);
            }
            if (n < 0) {
                eof = true;
                pos = limit = 0;
                return -1;
            }
            pos = 0;
            limit = n;
        }
        return buf[pos++] & 0xff;
    }

    private void parse() throws IOException {
        ByteArrayOutputStream field = null;
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        long total = 0;
        while (true) {
            line.reset();
            int c;
            while ((c = next()) >= 0 && c != '\r' && c != '\n') {
                line.write(c);
                if (++total > MAX_OCTETS) {
                    throw new DkimException("the header section is over " + MAX_OCTETS + " octets; not signed");
                }
            }
            if (c == '\r') {
                int d = next();
                if (d >= 0 && d != '\n') {
                    pos--; // a bare CR: the octet after it is the next line's
                }
            }
            total += 2;
            if (line.size() == 0) {
                break; // the empty line, or the end of a message without a body
            }
            byte first = line.toByteArray()[0];
            if ((first == ' ' || first == '\t') && field != null) {
                line.writeTo(field);
            } else {
                add(field);
                field = new ByteArrayOutputStream(Math.max(64, line.size() + 2));
                line.writeTo(field);
            }
            field.write('\r');
            field.write('\n');
            if (c < 0) {
                break;
            }
        }
        add(field);
    }

    private void add(ByteArrayOutputStream field) throws DkimException {
        if (field == null) {
            return;
        }
        if (fields.size() == MAX_FIELDS) {
            throw new DkimException("the header section has over " + MAX_FIELDS + " fields; not signed");
        }
        byte[] raw = field.toByteArray();
        int colon = 0;
        while (colon < raw.length && raw[colon] != ':') {
            colon++;
        }
        int end = colon == raw.length ? 0 : colon;
        while (end > 0 && (raw[end - 1] == ' ' || raw[end - 1] == '\t')) {
            end--;
        }
        String name = new String(raw, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        fields.add(new Field(name, raw));
    }

    /**
     * RFC 6376 section 3.4.2: name in lower case, white space before and after the colon removed, folding
     * removed, runs of white space made one space, trailing white space removed.
     *
     * @param crlf whether the result ends with CRLF (every field but the signature's own)
     */
    static byte[] relaxed(byte[] raw, boolean crlf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 2);
        int colon = 0;
        while (colon < raw.length && raw[colon] != ':') {
            colon++;
        }
        int nameEnd = Math.min(colon, raw.length);
        while (nameEnd > 0 && isWsp(raw[nameEnd - 1])) {
            nameEnd--;
        }
        for (int i = 0; i < nameEnd; i++) {
            byte c = raw[i];
            out.write(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        if (colon < raw.length) {
            out.write(':');
            boolean space = false;
            boolean started = false;
            for (int i = colon + 1; i < raw.length; i++) {
                byte c = raw[i];
                if (c == '\r' || c == '\n') {
                    continue; // unfolding
                }
                if (isWsp(c)) {
                    space = started;
                    continue;
                }
                if (space) {
                    out.write(' ');
                    space = false;
                }
                out.write(c);
                started = true;
            }
        }
        if (crlf) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static boolean isWsp(byte c) {
        return c == ' ' || c == '\t';
    }
}
