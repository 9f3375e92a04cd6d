package dev.sendmail.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * A message signed when it is first opened (so {@link Message.Builder#build} stays free of I/O), then served as
 * the same signed octets every time: a retry or a second host gets the same signature.
 */
final class SignedOnOpen implements MessageContent {

    private final MessageContent original;
    private final MessageSigner signer;
    private MessageContent signed;

    SignedOnOpen(MessageContent original, MessageSigner signer) {
        this.original = original;
        this.signer = signer;
    }

    private synchronized MessageContent signed() throws IOException {
        if (signed == null) {
            signed = signer.sign(original);
        }
        return signed;
    }

    @Override
    public InputStream open() throws IOException {
        return signed().open();
    }

    /** Known once signed; before that, unknown (signing reads the whole message). */
    @Override
    public synchronized OptionalLong size() {
        return signed == null ? OptionalLong.empty() : signed.size();
    }

    @Override
    public ContentTraits traits() throws IOException {
        return signed().traits();
    }
}
