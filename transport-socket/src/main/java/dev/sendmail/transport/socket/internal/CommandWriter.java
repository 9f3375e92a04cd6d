package dev.sendmail.transport.socket.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes commands and message octets into one large buffer and hands it to the socket in as few writes as
 * possible: a pipelined batch (MAIL, every RCPT, DATA) leaves in one write, and message content in
 * buffer-sized blocks. A command line may not contain CR, LF or NUL: nothing can end a command early.
 */
final class CommandWriter implements DataEncoder.Sink {

    /** Receives each block; the connection arms its write timeout around it. */
    interface Target {
        void write(byte[] b, int off, int len) throws IOException;
    }

    static final int BUFFER = 64 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private Target target;
    private final byte[] buf = new byte[BUFFER];
    private int count;

    CommandWriter(Target target) {
        this.target = target;
    }

    /** Writes to another target from now on (after the TLS handshake); anything buffered is dropped. */
    void retarget(Target value) {
        target = value;
        count = 0;
    }

    static OutputStreamTarget of(OutputStream out) {
        return new OutputStreamTarget(out);
    }

    /** Buffers a command line and CRLF. */
    void command(String line) throws IOException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new UnsafeCommandException();
            }
        }
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        write(bytes, 0, bytes.length);
        write(CRLF, 0, 2);
    }

    /**
     * Buffers {@code head} followed by {@code secret} (base64 octets of a SASL response) and CRLF, without making a
     * {@code String} of the secret. Call {@link #wipe()} after the flush.
     */
    void secretCommand(String head, byte[] secret) throws IOException {
        for (byte b : secret) {
            if (b == '\r' || b == '\n' || b == 0) {
                throw new UnsafeCommandException();
            }
        }
        if (head.indexOf('\r') >= 0 || head.indexOf('\n') >= 0 || head.indexOf(0) >= 0) {
            throw new UnsafeCommandException();
        }
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        write(h, 0, h.length);
        write(secret, 0, secret.length);
        write(CRLF, 0, 2);
    }

    /** Zeroes the buffer (after a flush that sent a secret). */
    void wipe() {
        java.util.Arrays.fill(buf, (byte) 0);
        count = 0;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > buf.length - count) {
            drain();
            if (len >= buf.length) {
                target.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buf.length) {
            drain();
        }
        buf[count++] = (byte) b;
    }

    /** Sends everything buffered. */
    void flush() throws IOException {
        drain();
    }

    int pending() {
        return count;
    }

    private void drain() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            target.write(buf, 0, n);
        }
    }

    /** A command would have contained CR, LF or NUL; nothing of it was written. */
    static final class UnsafeCommandException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsafeCommandException() {
            super("refusing to send a command that contains CR, LF or NUL");
        }
    }

    /** A target that writes to an output stream and flushes it. */
    record OutputStreamTarget(OutputStream out) implements Target {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            out.flush();
        }
    }
}
