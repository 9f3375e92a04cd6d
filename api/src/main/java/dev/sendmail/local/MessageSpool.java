package dev.sendmail.local;

import dev.sendmail.api.HeaderBlock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a raw message from standard input in sendmail mode: the header section into a bounded
 * {@link HeaderBlock}, the body into a private temporary file, so the message can be sent again (next MX host)
 * and saved to dead.letter without ever being held in memory. Without {@code -i} a line holding a single dot
 * ends the input, as in sendmail. A leading Unix {@code From } line is dropped. Line statistics (longest line,
 * NUL octets) are gathered on the way for the checks before sending.
 *
 * <p>An instance is the spool of one run: it spools into one directory, and {@link #close()} deletes every file
 * spooled through it, so that a program which reads standard input and then fails or gives up leaves nothing
 * behind. Not thread-safe.
 *
 * <pre>{@code
 * try (MessageSpool spool = new MessageSpool(tempDir)) {
 *     SpooledMessage m = spool.message(System.in, true);
 *     ...   // send m.content(); the body file lives until the spool is closed
 * }
 * }</pre>
 */
public final class MessageSpool implements AutoCloseable {

    /** The header section may not be larger than this. */
    static final int MAX_HEADER_OCTETS = 1 << 20;
    private static final int CHUNK = 64 * 1024;
    /** Longer lines are not kept whole; they are over the SMTP limit anyway. */
    private static final int LINE_KEEP = 1024;

    private final Path dir;
    private final List<SpooledMessage> spooled = new ArrayList<>();

    /**
     * A spool that creates its files in {@code dir}.
     *
     * @param dir the directory, such as {@code java.io.tmpdir}
     */
    public MessageSpool(Path dir) {
        this.dir = dir;
    }

    /**
     * Spools a message ({@link #spool(InputStream, boolean, Path)}) whose body file {@link #close()} deletes.
     *
     * @param in standard input, read to its end (or to the lone dot)
     * @param dotEnds true when a line holding a single dot ends the input (sendmail without {@code -i})
     * @return the message
     * @throws SpoolException when the spool file cannot be created; nothing was read, it carries the input
     * @throws IOException when reading or writing fails
     * @throws MalformedMessageException when the header section is larger than 1 MiB; it carries the message as
     *         given ({@link MalformedMessageException#input()}), for the caller to keep
     */
    public SpooledMessage message(InputStream in, boolean dotEnds) throws IOException, MalformedMessageException {
        return keep(spool(in, dotEnds, dir));
    }

    /**
     * Spools a text that is a body only, such as the text of a message composed with
     * {@link dev.sendmail.api.Message.Builder#text(Path)}: every octet goes to the body file as it is (no header
     * section, no {@code From } line dropped, a lone dot is text), with the line statistics of {@link #spool}.
     * {@link #close()} deletes the file.
     *
     * @param in the text, read to its end
     * @return the text as a message with an empty header section: its {@link SpooledMessage#bodyFile()} holds it
     * @throws SpoolException when the spool file cannot be created; nothing was read, it carries the input
     * @throws IOException when reading or writing fails
     */
    public SpooledMessage text(InputStream in) throws IOException {
        try {
            return keep(spool(in, false, false, dir));
        } catch (MalformedMessageException e) {
            throw new AssertionError("no header section is read", e);
        }
    }

    private SpooledMessage keep(SpooledMessage m) {
        spooled.add(m);
        return m;
    }

    /** Deletes the files of everything spooled through this spool; a file that cannot be deleted is left. */
    @Override
    public void close() {
        spooled.forEach(SpooledMessage::close);
        spooled.clear();
    }

    /**
     * Spools a message; the caller closes the result, which deletes the body file.
     *
     * @param in standard input, read to its end (or to the lone dot)
     * @param dotEnds true when a line holding a single dot ends the input (sendmail without {@code -i})
     * @param dir where the body file is created
     * @return the message
     * @throws SpoolException when the spool file cannot be created; nothing was read, it carries the input
     * @throws IOException when reading or writing fails
     * @throws MalformedMessageException when the header section is larger than 1 MiB; it carries the message as
     *         given ({@link MalformedMessageException#input()}), for the caller to keep
     */
    public static SpooledMessage spool(InputStream in, boolean dotEnds, Path dir) throws IOException, MalformedMessageException {
        return spool(in, true, dotEnds, dir);
    }

    private static SpooledMessage spool(InputStream in, boolean header, boolean dotEnds, Path dir)
            throws IOException, MalformedMessageException {
        Path body;
        try {
            body = createPrivate(dir, ".body");
        } catch (IOException e) {
            throw new SpoolException(e, in); // nothing was read: the caller can still keep the message
        }
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(body), 64 * 1024)) {
            return new Reader(in, header, dotEnds, out, body).run();
        } catch (IOException | MalformedMessageException | RuntimeException e) {
            Files.deleteIfExists(body);
            throw e;
        }
    }

    /**
     * Creates an empty file readable only by its owner, with a name that cannot be guessed in advance (pid, time
     * and 64 random bits; never an existing file). Not {@link Files#createTempFile}: its SecureRandom costs
     * start-up time that a name which is never reused does not need.
     *
     * @param dir the directory
     * @param suffix the end of the file name, such as {@code .txt}
     * @return the new, empty file
     * @throws IOException when it cannot be created
     */
    private static Path createPrivate(Path dir, String suffix) throws IOException {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve("send-mail-" + ProcessHandle.current().pid() + "-"
                    + Long.toUnsignedString(r.nextLong() ^ System.nanoTime(), 36) + suffix);
            try {
                try {
                    return Files.createFile(p,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    return Files.createFile(p);
                }
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private static final class Reader {
        private final InputStream in;
        private final boolean dotEnds;
        private final OutputStream out;
        private final Path bodyFile;
        private final byte[] buf = new byte[CHUNK];
        private int pos;
        private int limit;
        private boolean eof;

        private final byte[] line = new byte[LINE_KEEP];
        private int lineLen;      // octets kept in 'line' (without the line ending)
        private long lineTotal;   // all octets of the line (without the line ending)
        private final List<HeaderBlock.Field> fields = new ArrayList<>();
        /**
         * Every octet read while in the header section (bounded with it), for a message refused there; dropped
         * once the body starts, so it is not held while the body is spooled.
         */
        private java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        private long headerOctets;
        private boolean inHeader;
        private boolean firstLine;
        private boolean separator;
        private String eol;
        private long lineNo;
        private long longest;
        private long longestAt;
        private boolean nul;
        private long bodyOctets;

        /** @param header whether the input starts with a header section (and maybe a From_ line) */
        Reader(InputStream in, boolean header, boolean dotEnds, OutputStream out, Path bodyFile) {
            this.in = in;
            this.inHeader = header;
            this.firstLine = header;
            this.dotEnds = dotEnds;
            this.out = out;
            this.bodyFile = bodyFile;
        }

        SpooledMessage run() throws IOException, MalformedMessageException {
            while (true) {
                int ending = readLine();
                if (ending < 0 && lineTotal == 0) {
                    break; // clean end of input
                }
                lineNo++;
                if (lineTotal > longest) {
                    longest = lineTotal;
                    longestAt = lineNo;
                }
                boolean lastLine = ending < 0;
                byte[] eolBytes = ending == 2 ? CRLF : ending == 1 ? LF : ending == 3 ? CR : NONE;
                if (eol == null && ending > 0) {
                    eol = ending == 2 ? "\r\n" : "\n";
                }
                if (dotEnds && lineTotal == 1 && line[0] == '.') {
                    break;
                }
                if (firstLine) {
                    firstLine = false;
                    if (lineTotal >= 5 && startsWith("From ")) {
                        continue; // mbox From_ line: not part of the message
                    }
                }
                if (inHeader) {
                    // a field cut off by the end of input still gets a line ending, so fields added after it
                    // (From, Date, Message-ID) start on their own line
                    byte[] fieldEol = ending < 0 ? (eol == null || eol.equals("\n") ? LF : CRLF) : eolBytes;
                    if (lineTotal == 0) {
                        inHeader = false;
                        separator = true;
                        continue;
                    }
                    if ((line[0] == ' ' || line[0] == '\t') && !fields.isEmpty() && lineTotal <= LINE_KEEP) {
                        HeaderBlock.Field last = fields.remove(fields.size() - 1);
                        fields.add(new HeaderBlock.Field(last.name(), concat(last.raw(), line, lineLen, fieldEol)));
                        addHeaderOctets(lineTotal);
                        continue;
                    }
                    String name = lineTotal <= LINE_KEEP ? HeaderBlock.fieldName(line, lineLen) : null;
                    if (name != null) {
                        fields.add(new HeaderBlock.Field(name, concat(new byte[0], line, lineLen, fieldEol)));
                        addHeaderOctets(lineTotal);
                        continue;
                    }
                    inHeader = false; // a line that is not a field: the body starts here, without an empty line
                }
                // body: the kept part was not written yet when the line fit in 'line'
                writeKept();
                out.write(eolBytes);
                bodyOctets += eolBytes.length;
                if (lastLine) {
                    break;
                }
            }
            out.flush();
            return new SpooledMessage(new HeaderBlock(fields, eol == null ? "\n" : eol), separator, bodyFile,
                    bodyOctets, longest, longestAt, nul);
        }

        private void addHeaderOctets(long n) throws MalformedMessageException {
            headerOctets += n + 2;
            if (headerOctets > MAX_HEADER_OCTETS) {
                // nothing of the input was written to the body file yet: what was read, then what was not
                throw new MalformedMessageException("the header section is larger than " + MAX_HEADER_OCTETS
                        + " octets", new SequenceInputStream(new ByteArrayInputStream(raw.toByteArray()), in));
            }
        }

        private boolean startsWith(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (line[i] != s.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private boolean spilled;

        private void writeKept() throws IOException {
            if (!spilled) {
                out.write(line, 0, lineLen);
                bodyOctets += lineLen;
            }
            spilled = false;
        }

        /**
         * Reads one line into 'line' (spilling octets beyond LINE_KEEP straight to the body file, which is only
         * possible once the header section is over or for an over-long line).
         *
         * @return 1 for LF, 2 for CRLF, 3 for a bare CR, -1 for end of input without a line ending
         */
        private int readLine() throws IOException {
            lineLen = 0;
            lineTotal = 0;
            spilled = false;
            while (true) {
                if (pos >= limit) {
                    if (eof || !fill()) {
                        return -1;
                    }
                }
                int c = buf[pos++] & 0xFF;
                if (c == '\n') {
                    return 1;
                }
                if (c == '\r') {
                    if (pos >= limit && !eof) {
                        fill();
                    }
                    if (pos < limit && buf[pos] == '\n') {
                        pos++;
                        return 2;
                    }
                    return 3;
                }
                if (c == 0) {
                    nul = true;
                }
                lineTotal++;
                if (lineLen < LINE_KEEP) {
                    line[lineLen++] = (byte) c;
                } else {
                    if (!spilled) {
                        inHeader = false;
                        out.write(line, 0, lineLen);
                        bodyOctets += lineLen;
                        spilled = true;
                    }
                    out.write(c);
                    bodyOctets++;
                }
            }
        }

        private boolean fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                eof = true;
                pos = limit = 0;
                return false;
            }
            if (inHeader) {
                raw.write(buf, 0, n);
            } else {
                raw = null;
            }
            pos = 0;
            limit = n;
            return true;
        }

        private static byte[] concat(byte[] head, byte[] part, int len, byte[] eol) {
            byte[] r = Arrays.copyOf(head, head.length + len + eol.length);
            System.arraycopy(part, 0, r, head.length, len);
            System.arraycopy(eol, 0, r, head.length + len, eol.length);
            return r;
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LF = {'\n'};
    private static final byte[] CR = {'\r'};
    private static final byte[] NONE = {};
}
