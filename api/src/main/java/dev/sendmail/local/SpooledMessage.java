package dev.sendmail.local;

import dev.sendmail.api.ContentTraits;
import dev.sendmail.api.HeaderBlock;
import dev.sendmail.api.MessageContent;
import dev.sendmail.internal.TraitsOnce;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A message read by {@link MessageSpool}: its header section (which send-mail may still change) and its body
 * in a private temporary file. {@link #content()} presents both as one re-openable {@link MessageContent};
 * {@link #close()} deletes the file.
 *
 * @param header the header fields
 * @param separator whether an empty line ended the header section in the input
 * @param bodyFile the body
 * @param bodyOctets the body's size
 * @param longestLine the longest line of the whole input, in octets without its ending
 * @param longestLineNumber where that line is (1-based)
 * @param nul whether the input has a NUL octet
 */
public record SpooledMessage(HeaderBlock header, boolean separator, Path bodyFile, long bodyOctets,
                             long longestLine, long longestLineNumber, boolean nul) implements AutoCloseable {

    /** @return the message as it will be sent (header fields, the empty line, the body), re-openable */
    public MessageContent content() {
        byte[] head = header.toBytes();
        byte[] sep = head.length > 0 || separator ? header.eol().getBytes(StandardCharsets.US_ASCII) : new byte[0];
        byte[] prefix = new byte[head.length + sep.length];
        System.arraycopy(head, 0, prefix, 0, head.length);
        System.arraycopy(sep, 0, prefix, head.length, sep.length);
        return new Content(prefix, bodyFile, bodyOctets);
    }

    /**
     * Why SMTP cannot carry the message as it is, checked on the raw input before anything is sent: a line over
     * 998 octets (RFC 5321 4.5.3.1.6), or a NUL octet.
     *
     * @return one line saying what is wrong; empty when the message can be sent
     */
    public Optional<String> problem() {
        if (longestLine > 998) {
            return Optional.of("line " + longestLineNumber + " of the message is " + longestLine + " octets long; "
                    + "SMTP allows at most 998 (encode the message, e.g. quoted-printable)");
        }
        if (nul) {
            return Optional.of("the message contains a NUL octet, which SMTP cannot carry");
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(bodyFile);
        } catch (IOException e) {
            // a temporary file left behind is not worth failing over
        }
    }

    /** Header octets in memory followed by the body file. */
    static final class Content implements MessageContent {
        private final byte[] prefix;
        private final Path body;
        private final long bodyOctets;
        private final TraitsOnce traits = new TraitsOnce();

        Content(byte[] prefix, Path body, long bodyOctets) {
            this.prefix = prefix;
            this.body = body;
            this.bodyOctets = bodyOctets;
        }

        @Override
        public InputStream open() throws IOException {
            return new SequenceInputStream(new ByteArrayInputStream(prefix), Files.newInputStream(body));
        }

        @Override
        public OptionalLong size() {
            return OptionalLong.of(prefix.length + bodyOctets);
        }

        @Override
        public ContentTraits traits() throws IOException {
            return traits.of(this);
        }
    }
}
