package dev.sendmail.transport.jakarta;

import dev.sendmail.api.Dsn;
import dev.sendmail.api.MessageContent;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message Angus can send without parsing it: {@link #writeTo} copies our content's octets verbatim into the
 * stream Angus gives it (Angus's DATA stream turns bare CR and LF into CRLF, stuffs leading dots and ends the last
 * line). Headers are never parsed, MIME is never decoded or re-encoded, and memory use does not grow with the
 * message. It also carries the per-message envelope values ({@code mail.smtp.from}, DSN NOTIFY/RET, the extra
 * MAIL parameters) that Angus reads from an {@link SMTPMessage} before its session properties.
 */
final class StreamedMessage extends SMTPMessage {

    private static final int BUFFER = 64 * 1024;

    /**
     * The content could not be read, or it is no longer what was checked before MAIL (a line over 998 octets, a
     * NUL): the transaction is abandoned before the final dot, so the server discards what it got.
     */
    static final class ContentException extends IOException {
        private static final long serialVersionUID = 1L;

        ContentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final MessageContent content;

    /**
     * @param reversePath the address for MAIL FROM, or {@code <>} for the null sender
     * @param mailParameters extra MAIL FROM parameters (SIZE, BODY, ENVID), or empty
     */
    StreamedMessage(Session session, MessageContent content, String reversePath, Dsn dsn, String mailParameters) {
        super(session);
        this.content = content;
        setEnvelopeFrom(reversePath);
        setSendPartial(true);
        setAllow8bitMIME(false);
        if (!mailParameters.isEmpty()) {
            setMailExtension(mailParameters);
        }
        if (!dsn.notifyOn().isEmpty()) {
            int options = 0;
            for (Dsn.Notify n : dsn.notifyOn()) {
                options |= switch (n) {
                    case NEVER -> NOTIFY_NEVER;
                    case SUCCESS -> NOTIFY_SUCCESS;
                    case FAILURE -> NOTIFY_FAILURE;
                    case DELAY -> NOTIFY_DELAY;
                };
            }
            setNotifyOptions(options);
        }
        dsn.ret().ifPresent(r -> setReturnOption(r == Dsn.Ret.FULL ? RETURN_FULL : RETURN_HDRS));
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
        InputStream in;
        try {
            in = content.open();
        } catch (IOException | RuntimeException e) {
            throw new ContentException("cannot read the message: " + e.getMessage(), e);
        }
        try (in) {
            byte[] buf = new byte[BUFFER];
            int line = 0;
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException | RuntimeException e) {
                    throw new ContentException("cannot read the message: " + e.getMessage(), e);
                }
                if (n < 0) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\r' || b == '\n') {
                        line = 0;
                    } else if (b == 0) {
                        throw new ContentException("the message contains a NUL octet; the message changed while "
                                + "it was sent", null);
                    } else if (++line > dev.sendmail.api.ContentTraits.MAX_LINE_OCTETS) {
                        throw new ContentException("the message has a line of more than "
                                + dev.sendmail.api.ContentTraits.MAX_LINE_OCTETS
                                + " octets; the message changed while it was sent", null);
                    }
                }
                os.write(buf, 0, n);
            }
        }
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        writeTo(os, null);
    }
}
