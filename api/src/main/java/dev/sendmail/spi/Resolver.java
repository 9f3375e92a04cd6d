package dev.sendmail.spi;

import dev.sendmail.api.ResolutionFailedException;

/**
 * Finds the mail hosts of a domain (RFC 5321 section 5). Thread-safe; may cache answers for its lifetime.
 */
public interface Resolver extends AutoCloseable {

    /**
     * The hosts for {@code domain} in the order to try them, each with its addresses.
     *
     * @param domain an ASCII domain name (A-labels) or an address literal with brackets
     * @throws ResolutionFailedException NXDOMAIN and null MX are permanent; timeouts and SERVFAIL are transient
     */
    MailRoute resolve(String domain) throws ResolutionFailedException;

    @Override
    default void close() {
    }
}
