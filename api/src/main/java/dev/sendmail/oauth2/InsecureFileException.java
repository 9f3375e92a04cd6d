package dev.sendmail.oauth2;

import java.io.IOException;

/**
 * A file that holds a token, a client secret or a cached access token can be read or written by users other than
 * its owner; it is refused rather than used (the command line exits 78). The message names the file and the
 * {@code chmod} that fixes it, never the content.
 */
public final class InsecureFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * A refusal.
     *
     * @param message one line naming the file
     */
    public InsecureFileException(String message) {
        super(message);
    }
}
