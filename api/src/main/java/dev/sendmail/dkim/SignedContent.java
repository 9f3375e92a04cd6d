package dev.sendmail.dkim;

import dev.sendmail.api.ContentTraits;
import dev.sendmail.api.MessageContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.OptionalLong;

/** A message with signature fields in front of it, streamed from the original each time it is opened. */
final class SignedContent implements MessageContent {

    private final byte[] fields;
    private final MessageContent original;

    SignedContent(byte[] fields, MessageContent original) {
        this.fields = fields.clone();
        this.original = original;
    }

    @Override
    public InputStream open() throws IOException {
        return new SequenceInputStream(new ByteArrayInputStream(fields), original.open());
    }

    @Override
    public OptionalLong size() {
        OptionalLong s = original.size();
        return s.isPresent() ? OptionalLong.of(s.getAsLong() + fields.length) : s;
    }

    /** The original's traits with the fields added: CRLF lines of printable ASCII, shorter than 80 octets. */
    @Override
    public ContentTraits traits() throws IOException {
        ContentTraits t = original.traits();
        int longest = 0;
        int line = 0;
        for (byte b : fields) {
            if (b == '\r' || b == '\n') {
                longest = Math.max(longest, line);
                line = 0;
            } else {
                line++;
            }
        }
        return new ContentTraits(t.wireSize() + fields.length, t.eightBit(), t.nonAsciiHeaders(),
                Math.max(longest, t.longestLine()), t.nulOctets());
    }
}
