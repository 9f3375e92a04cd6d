package dev.sendmail.internal;

import dev.sendmail.api.ContentScanner;
import dev.sendmail.api.ContentTraits;
import dev.sendmail.api.MessageContent;
import java.io.IOException;
import java.io.InputStream;

/**
 * The traits of one content, scanned on first use and remembered. Safe to share between threads: two first
 * calls at once may both read the content, and both get the same traits.
 */
public final class TraitsOnce {

    private volatile ContentTraits traits;

    /**
     * The traits of {@code content}, which must be the content this memo belongs to.
     *
     * @param content the content, opened and read whole on the first call only
     * @return its traits
     * @throws IOException when the content cannot be read
     */
    public ContentTraits of(MessageContent content) throws IOException {
        ContentTraits t = traits;
        if (t == null) {
            try (InputStream in = content.open()) {
                traits = t = ContentScanner.scan(in);
            }
        }
        return t;
    }
}
