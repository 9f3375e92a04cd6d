package dev.sendmail.transport.jakarta;

import jakarta.mail.MessagingException;

/** Refusal to send credentials ({@link dev.sendmail.spi.CredentialPolicy}), raised before the AUTH command leaves. */
final class CredentialsRefusedException extends MessagingException {
    private static final long serialVersionUID = 1L;

    CredentialsRefusedException(String reason) {
        super(reason);
    }
}
