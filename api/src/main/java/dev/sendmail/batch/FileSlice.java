package dev.sendmail.batch;

import dev.sendmail.api.MessageContent;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * A region of a file as a message, streamed from the file each time it is opened: the part after the
 * {@code X-Envelope-*} lines of a file transport's file, or one message of an mbox file. For an mbox message the
 * mboxrd quoting is undone as it is read (one {@code >} removed from every line matching {@code >+From }).
 */
final class FileSlice implements MessageContent {

    private final Path file;
    private final long offset;
    private final long length;
    private final boolean mboxQuoted;

    FileSlice(Path file, long offset, long length, boolean mboxQuoted) {
        this.file = file;
        this.offset = offset;
        this.length = length;
        this.mboxQuoted = mboxQuoted;
    }

    @Override
    public InputStream open() throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            if (ch.size() < offset + length) {
                throw new IOException(file + " changed while it was being sent");
            }
            ch.position(offset);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        InputStream in = new Bounded(new BufferedInputStream(Channels.newInputStream(ch), 16 * 1024), length);
        return mboxQuoted ? new MboxUnquote(in) : in;
    }

    @Override
    public OptionalLong size() {
        return mboxQuoted ? OptionalLong.empty() : OptionalLong.of(length);
    }

    /** At most {@code left} octets of the stream beneath. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long left) {
            super(in);
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                left--;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(Math.min(n, left));
            left -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /**
     * Undoes mboxrd quoting: at the start of a line, {@code >} followed by {@code >*From } loses its first
     * {@code >}. Lines are not buffered: only the {@code >} run at a line start is held while deciding.
     */
    static final class MboxUnquote extends InputStream {
        private static final byte[] FROM = {'F', 'r', 'o', 'm', ' '};

        private final InputStream in;
        private final byte[] pending = new byte[64 + FROM.length];
        private int pendingStart;
        private int pendingEnd;
        private boolean lineStart = true;

        MboxUnquote(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (pendingStart < pendingEnd) {
                return pending[pendingStart++] & 0xFF;
            }
            int c = in.read();
            if (c < 0) {
                return -1;
            }
            if (lineStart && c == '>') {
                fill();
                return read();
            }
            lineStart = c == '\n';
            return c;
        }

        /** Reads a run of {@code >} (the first already read) and what follows, deciding whether to drop one. */
        private void fill() throws IOException {
            int n = 0;
            pending[n++] = '>';
            int c = in.read();
            while (c == '>' && n < 64) {
                pending[n++] = '>';
                c = in.read();
            }
            int matched = 0;
            while (c >= 0 && matched < FROM.length && c == FROM[matched]) {
                pending[n++] = (byte) c;
                matched++;
                if (matched < FROM.length) {
                    c = in.read();
                }
            }
            boolean from = matched == FROM.length;
            if (!from && c >= 0) {
                pending[n++] = (byte) c;
            }
            pendingStart = from ? 1 : 0;
            pendingEnd = n;
            lineStart = !from && c == '\n';
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int i = 0;
            while (i < len) {
                int c = read();
                if (c < 0) {
                    return i == 0 ? -1 : i;
                }
                b[off + i++] = (byte) c;
                if (c == '\n' && in.available() <= 0 && pendingStart >= pendingEnd) {
                    break;
                }
            }
            return i;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
