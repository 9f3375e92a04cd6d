package dev.sendmail.resolver.dns.internal;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.ResolutionFailedException.Reason;

/**
 * A DNS lookup inside this module failed, already classified. Never leaves the module: the resolver turns it
 * into a {@link ResolutionFailedException} for the domain being resolved ({@link #toResolutionFailure}).
 */
public final class LookupException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public LookupException(Reason reason, String what, Throwable cause) {
        super(what, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public ResolutionFailedException toResolutionFailure(String domain) {
        return new ResolutionFailedException(domain, reason, getMessage(), getCause());
    }
}
