package dev.sendmail.api;

import dev.sendmail.internal.TraitsOnce;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.OptionalLong;

/**
 * The content of a parsed {@link Message}: a new header section in memory, then the original from the end of
 * its header fields on (the empty line and the body), streamed from the original each time.
 */
final class ParsedContent implements MessageContent {

    private final MessageContent original;
    private final long skip;
    private final byte[] head;
    private final TraitsOnce traits = new TraitsOnce();

    ParsedContent(MessageContent original, long skip, byte[] head) {
        this.original = original;
        this.skip = skip;
        this.head = head;
    }

    @Override
    public InputStream open() throws IOException {
        InputStream rest = original.open();
        try {
            long left = skip;
            while (left > 0) {
                long n = rest.skip(left);
                if (n <= 0) {
                    if (rest.read() < 0) {
                        throw new IOException("the message changed while it was being sent");
                    }
                    n = 1;
                }
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            rest.close();
            throw e;
        }
        return new SequenceInputStream(new ByteArrayInputStream(head), rest);
    }

    @Override
    public OptionalLong size() {
        OptionalLong s = original.size();
        return s.isPresent() ? OptionalLong.of(s.getAsLong() - skip + head.length) : OptionalLong.empty();
    }

    @Override
    public ContentTraits traits() throws IOException {
        return traits.of(this);
    }
}
