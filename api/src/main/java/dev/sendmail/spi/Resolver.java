package dev.sendmail.spi;

import dev.sendmail.api.ResolutionFailedException;
import java.util.List;

/**
 * Finds the mail hosts of a domain (RFC 5321 section 5).
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe: a Sender resolves several domains at once. A
 * resolver may cache answers for its lifetime.
 *
 * <p><b>Ownership:</b> whoever created a resolver closes it, after the last lookup; a
 * {@link dev.sendmail.api.Sender} given a resolver never closes it.
 */
public interface Resolver extends AutoCloseable {

    /**
     * The hosts for {@code domain} in the order to try them, each with its addresses. A resolver that validates
     * DNSSEC says so in {@link MailRoute#dnssec()} and gives each host whose records are secure the
     * {@link dev.sendmail.api.TlsRequirement} its TLSA records call for (RFC 7672); every transport enforces it.
     *
     * @param domain an ASCII domain name (A-labels) or an address literal with brackets
     * @return the hosts in order, with their addresses
     * @throws ResolutionFailedException NXDOMAIN and null MX are permanent; timeouts, SERVFAIL and answers that
     *         fail DNSSEC validation (bogus) are transient
     */
    MailRoute resolve(String domain) throws ResolutionFailedException;

    /**
     * The SRV records (RFC 2782) of {@code name}, such as {@code _submission._tcp.example.org}, in the order to
     * try them: ascending priority, records of equal priority in weighted random order. Each target other than
     * {@code .} comes with its addresses; a target without addresses is kept with none, so the caller can show it.
     *
     * @param name the SRV owner name, service and protocol labels included
     * @return the records; empty when the name exists but has no SRV record (NODATA)
     * @throws ResolutionFailedException NXDOMAIN is {@link ResolutionFailedException.Reason#NO_SUCH_DOMAIN}
     *         (permanent); timeouts and SERVFAIL are transient, as for {@link #resolve}
     */
    default List<SrvRecord> srv(String name) throws ResolutionFailedException {
        throw new ResolutionFailedException(name, ResolutionFailedException.Reason.PERMANENT,
                "this resolver cannot look up SRV records", null);
    }

    /**
     * The TXT records of {@code name}, such as {@code sel._domainkey.example.org}, {@code _dmarc.example.org} or
     * {@code _mta-sts.example.org}, after following CNAMEs; each record's character-strings joined without
     * separator (see {@link TxtAnswer}).
     *
     * <p>Implementations bound what they accept (the number of records, the length of each and of all together)
     * and fail with {@link ResolutionFailedException.Reason#PERMANENT} beyond it, rather than cutting records off:
     * a dropped record could change an SPF or DKIM verdict. They classify once: an answer (records, NODATA,
     * NXDOMAIN) is a {@link TxtAnswer}; only a lookup that may succeed later (timeout, SERVFAIL, network error)
     * is a transient failure.
     *
     * <p>The default is for resolvers without DNS (such as {@code static}): it fails with
     * {@link ResolutionFailedException.Reason#UNSUPPORTED}, never with an empty answer that would read as "no
     * record".
     *
     * @param name the owner name, underscore labels allowed; a final dot is ignored
     * @return the records found, or {@link TxtAnswer.Status#NO_DATA} / {@link TxtAnswer.Status#NO_SUCH_NAME}, with
     *         what DNSSEC validation said in {@link TxtAnswer#dnssec()} (a bogus answer is a transient failure)
     * @throws ResolutionFailedException {@link ResolutionFailedException.Reason#TEMPORARY} when no server gave an
     *         answer; {@link ResolutionFailedException.Reason#PERMANENT} for a malformed name, a CNAME loop or an
     *         answer over the bounds; {@link ResolutionFailedException.Reason#UNSUPPORTED} from this default
     */
    default TxtAnswer txt(String name) throws ResolutionFailedException {
        throw new ResolutionFailedException(name == null ? "" : name, ResolutionFailedException.Reason.UNSUPPORTED,
                "this resolver (" + getClass().getName() + ") cannot look up TXT records; use the dns resolver", null);
    }

    /** Releases what the resolver holds (caches, sockets); by default nothing. */
    @Override
    default void close() {
    }
}
