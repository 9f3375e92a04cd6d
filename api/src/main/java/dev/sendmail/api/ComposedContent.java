package dev.sendmail.api;

import dev.sendmail.internal.TraitsOnce;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.OptionalLong;

/**
 * The content of a built {@link Message}: each {@link #open()} writes the MIME message anew, on a helper thread,
 * into a bounded pipe that the caller reads. Nothing larger than the pipe (64 KiB) is held; a reader that stops
 * early (closes the stream) stops the writer. A failure while writing (an attachment file gone) reaches the
 * reader as an {@link IOException}.
 */
final class ComposedContent implements MessageContent {

    private static final int PIPE = 64 * 1024;

    private final MimeSpec spec;
    private final TraitsOnce traits = new TraitsOnce();

    ComposedContent(MimeSpec spec) {
        this.spec = spec;
    }

    @Override
    public InputStream open() throws IOException {
        MimeMessage m;
        try {
            m = MimeAssembler.assemble(spec);
        } catch (MessagingException e) {
            throw new IOException("cannot build the message: " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        Pipe pipe = new Pipe();
        Thread t = new Thread(() -> {
            try {
                OutputStream out = pipe.output();
                m.writeTo(out);
                out.close(); // only now does the reader see the end: a failure must never look like one
            } catch (IOException | MessagingException | RuntimeException e) {
                pipe.fail(e);
            }
        }, "send-mail-mime");
        t.setDaemon(true);
        t.start();
        return pipe.input();
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.empty();
    }

    @Override
    public ContentTraits traits() throws IOException {
        return traits.of(this);
    }

    /** A bounded single-producer, single-consumer byte pipe; closing either end ends the other. */
    static final class Pipe {
        private final byte[] buf = new byte[PIPE];
        private int head;            // next octet to read
        private int count;           // octets in the buffer
        private boolean writerDone;
        private boolean readerClosed;
        private Throwable failure;

        synchronized void fail(Throwable t) {
            failure = t;
            writerDone = true;
            notifyAll();
        }

        OutputStream output() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    synchronized (Pipe.this) {
                        while (len > 0) {
                            while (count == buf.length && !readerClosed) {
                                await();
                            }
                            if (readerClosed) {
                                throw new IOException("the reader closed the message stream");
                            }
                            int tail = (head + count) % buf.length;
                            int n = Math.min(len, Math.min(buf.length - count, buf.length - tail));
                            System.arraycopy(b, off, buf, tail, n);
                            count += n;
                            off += n;
                            len -= n;
                            Pipe.this.notifyAll();
                        }
                    }
                }

                @Override
                public void close() {
                    synchronized (Pipe.this) {
                        writerDone = true;
                        Pipe.this.notifyAll();
                    }
                }
            };
        }

        InputStream input() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) {
                        return 0;
                    }
                    synchronized (Pipe.this) {
                        while (count == 0 && !writerDone && !readerClosed) {
                            await();
                        }
                        if (readerClosed) {
                            throw new IOException("stream closed");
                        }
                        if (count == 0) {
                            if (failure != null) {
                                throw new IOException("cannot write the message: " + failure.getMessage(), failure);
                            }
                            return -1;
                        }
                        int n = Math.min(len, Math.min(count, buf.length - head));
                        System.arraycopy(buf, head, b, off, n);
                        head = (head + n) % buf.length;
                        count -= n;
                        Pipe.this.notifyAll();
                        return n;
                    }
                }

                @Override
                public int available() {
                    synchronized (Pipe.this) {
                        return count;
                    }
                }

                @Override
                public void close() {
                    synchronized (Pipe.this) {
                        readerClosed = true;
                        Pipe.this.notifyAll();
                    }
                }
            };
        }

        private void await() throws InterruptedIOException {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while passing the message");
            }
        }
    }
}
