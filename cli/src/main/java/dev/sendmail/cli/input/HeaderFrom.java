package dev.sendmail.cli.input;

import dev.sendmail.api.HeaderBlock;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import java.io.IOException;
import java.util.Optional;

/**
 * The From address of a finished message that was not spooled (a {@code --batch} file), for the DKIM signing
 * domain: reads only the header section ({@link HeaderBlock#read}, bounded) and applies the single send's rule
 * ({@link SendmailInput#fromAddress}: exactly one From field with exactly one address).
 */
public final class HeaderFrom {

    private HeaderFrom() {
    }

    /**
     * @param content the message
     * @return its single From address; empty when there is none, several, or the header section is over the
     *     api's bound
     * @throws IOException when the content cannot be read
     */
    public static Optional<Mailbox> of(MessageContent content) throws IOException {
        HeaderBlock header;
        try {
            header = HeaderBlock.read(content);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the header section is over the bound
        }
        return SendmailInput.fromAddress(header);
    }
}
