package dev.sendmail.cli.input;

import dev.sendmail.api.HeaderBlock;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The From address of a finished message that was not spooled (a {@code --batch} file), for the DKIM signing
 * domain: reads only the header section, at most {@link #MAX_HEADER_OCTETS}, and applies the single send's rule
 * ({@link SendmailInput#fromAddress}: exactly one From field with exactly one address).
 */
public final class HeaderFrom {

    /** No more of the header section is read than this (as the api's header parser). */
    static final int MAX_HEADER_OCTETS = 1 << 20;

    private HeaderFrom() {
    }

    /**
     * @param content the message
     * @return its single From address; empty when there is none, several, or the header section is over the bound
     * @throws IOException when the content cannot be read
     */
    public static Optional<Mailbox> of(MessageContent content) throws IOException {
        List<HeaderBlock.Field> from = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(content.open(), 8192)) {
            ByteArrayOutputStream field = null;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long total = 0;
            while (true) {
                line.reset();
                int c;
                while ((c = in.read()) >= 0) {
                    line.write(c);
                    if (++total > MAX_HEADER_OCTETS) {
                        return Optional.empty();
                    }
                    if (c == '\n') {
                        break;
                    }
                }
                byte[] b = line.toByteArray();
                int len = b.length;
                while (len > 0 && (b[len - 1] == '\n' || b[len - 1] == '\r')) {
                    len--;
                }
                boolean continuation = len > 0 && (b[0] == ' ' || b[0] == '\t');
                if (!continuation && field != null) {
                    from.add(new HeaderBlock.Field("from", field.toByteArray()));
                    field = null;
                }
                if (len == 0) {
                    break; // the empty line, or the end of input
                }
                if (continuation) {
                    if (field != null) {
                        field.write(b, 0, b.length);
                    }
                    continue;
                }
                int colon = new String(b, 0, len, StandardCharsets.ISO_8859_1).indexOf(':');
                if (colon < 0) {
                    break; // not a field: the body starts here
                }
                if (new String(b, 0, colon, StandardCharsets.ISO_8859_1).strip().equalsIgnoreCase("from")) {
                    field = new ByteArrayOutputStream();
                    field.write(b, 0, b.length);
                }
            }
        }
        return SendmailInput.fromAddress(new HeaderBlock(from, "\n"));
    }
}
