package dev.sendmail.batch;

import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Message;
import dev.sendmail.api.MessageContent;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One message of a {@link MessageBatch}, not yet read: where it came from and its raw octets.
 *
 * @param name the file, or the mbox file with the message's number ({@code box.mbox#12}), for reports
 * @param raw the message as stored (for a file transport's file, with its {@code X-Envelope-*} lines)
 */
public record BatchItem(String name, MessageContent raw) {

    /** The longest run of {@code X-Envelope-*} lines read before the message (one per recipient and the sender). */
    static final int MAX_ENVELOPE_OCTETS = 1 << 20;

    /**
     * Checks the components.
     *
     * @param name where the message came from
     * @param raw its octets
     */
    public BatchItem {
        if (name == null || raw == null) {
            throw new NullPointerException("name and raw must not be null");
        }
    }

    /**
     * Reads the envelope and presents the content to send. A file that starts with the {@code X-Envelope-From}
     * and {@code X-Envelope-To} lines the file transport writes is sent to those recipients from that sender, as
     * the octets after those lines, unchanged. Any other message is read like {@code sendmail -t}:
     * {@link Message#parse(MessageContent, Function)} takes the recipients from To, Cc and Bcc (or the Resent-
     * fields), removes Bcc and adds a missing Date and Message-ID; the envelope sender is the Sender or From
     * field's first address.
     *
     * @param localNames maps a recipient without a domain to mailboxes; throws {@link IllegalArgumentException}
     *        for a name it does not know
     * @return the envelope and the content
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException with a one-line reason when the message cannot be sent: a malformed
     *         header or envelope line, an invalid address, no recipient
     */
    public Message message(Function<String, List<Mailbox>> localNames) throws IOException {
        Optional<Message> stored = storedEnvelope();
        return stored.isPresent() ? stored.get() : Message.parse(raw, localNames);
    }

    /** The envelope of a file transport's file, when the file starts with {@code X-Envelope-} lines. */
    private Optional<Message> storedEnvelope() throws IOException {
        if (!(raw instanceof MessageContent.FileContent file)) {
            return Optional.empty();
        }
        Optional<Mailbox> sender = Optional.empty();
        boolean senderSeen = false;
        List<Mailbox> recipients = new ArrayList<>();
        long offset = 0;
        try (InputStream in = new BufferedInputStream(raw.open(), 8192)) {
            byte[] line = new byte[2048];
            while (true) {
                int len = readLine(in, line);
                if (len <= 0) {
                    break;
                }
                String text = new String(line, 0, len, StandardCharsets.UTF_8);
                String lower = text.toLowerCase(Locale.ROOT);
                String value;
                if (lower.startsWith("x-envelope-from:")) {
                    value = text.substring("x-envelope-from:".length()).strip();
                    if (senderSeen) {
                        throw new IllegalArgumentException("more than one X-Envelope-From line");
                    }
                    senderSeen = true;
                    sender = value.equals("<>") ? Optional.empty() : Optional.of(Mailbox.parse(value));
                } else if (lower.startsWith("x-envelope-to:")) {
                    value = text.substring("x-envelope-to:".length()).strip();
                    recipients.add(Mailbox.parse(value));
                } else {
                    break;
                }
                offset += len;
                if (offset > MAX_ENVELOPE_OCTETS) {
                    throw new IllegalArgumentException("X-Envelope lines longer than " + MAX_ENVELOPE_OCTETS
                            + " octets");
                }
            }
        }
        if (offset == 0) {
            return Optional.empty();
        }
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("X-Envelope-From without an X-Envelope-To line");
        }
        long size = raw.size().orElseThrow(() -> new IOException("cannot read the size of " + file.file()));
        MessageContent rest = new FileSlice(file.file(), offset, size - offset, false);
        return Optional.of(Message.of(new Envelope(sender, recipients), rest));
    }

    /**
     * Reads one line with its line ending into {@code buf}; returns its length, 0 at the end of input, or -1 when
     * the line does not fit (it is then no envelope line).
     */
    private static int readLine(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        while (n < buf.length) {
            int c = in.read();
            if (c < 0) {
                return n;
            }
            buf[n++] = (byte) c;
            if (c == '\n') {
                return n;
            }
        }
        return -1;
    }
}
