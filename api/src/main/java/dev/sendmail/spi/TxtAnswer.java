package dev.sendmail.spi;

import java.util.List;

/**
 * The TXT records of one DNS name (RFC 1035 section 3.3.14), as {@link Resolver#txt} returns them: the records
 * found, or which kind of "nothing" the name gave. Failures (timeouts, SERVFAIL) are not answers: they leave
 * {@link Resolver#txt} as a transient {@link dev.sendmail.api.ResolutionFailedException}.
 *
 * <p>Each record is the concatenation of its character-strings with nothing between them, as RFC 6376 section
 * 3.6.2.2 (DKIM), RFC 7208 section 3.3 (SPF) and RFC 7489 (DMARC) require. TXT data are octets: each octet
 * becomes the {@code char} of the same value (ISO-8859-1), so nothing is lost and a parser that accepts only
 * ASCII sees any other octet as the error it is.
 *
 * <p>Build instances with {@link #found}, {@link #noData} and {@link #noSuchName}: more components (such as a
 * DNSSEC security status) may be added to this record later, and the factories will keep their meaning.
 *
 * @param name the name asked about: lower case, without the trailing dot
 * @param status what the name gave
 * @param records the records in the order the server sent them; empty unless {@link Status#FOUND}
 * @param dnssec what DNSSEC validation said about the answer; {@link DnssecStatus#UNCHECKED} from the factories
 */
public record TxtAnswer(String name, Status status, List<String> records, DnssecStatus dnssec) {

    /** What the name gave. */
    public enum Status {
        /** The name has TXT records (after following CNAMEs). */
        FOUND,
        /** The name exists but has no TXT record (NOERROR with an empty answer, "NODATA"). */
        NO_DATA,
        /** The name does not exist (NXDOMAIN). */
        NO_SUCH_NAME
    }

    /**
     * Checks the components; the list is copied.
     *
     * @param name the name asked about: lower case, without the trailing dot
     * @param status what the name gave
     * @param records the records; non-empty exactly when {@code status} is {@link Status#FOUND}
     * @param dnssec what DNSSEC validation said about the answer; null means unchecked
     */
    public TxtAnswer {
        if (name == null || status == null) {
            throw new IllegalArgumentException("a TXT answer needs a name and a status");
        }
        records = List.copyOf(records);
        if ((status == Status.FOUND) == records.isEmpty()) {
            throw new IllegalArgumentException("FOUND needs records, and only FOUND has them");
        }
        dnssec = dnssec == null ? DnssecStatus.UNCHECKED : dnssec;
    }

    /**
     * An answer that was not validated.
     *
     * @param name the name asked about
     * @param status what the name gave
     * @param records the records; empty unless {@link Status#FOUND}
     */
    public TxtAnswer(String name, Status status, List<String> records) {
        this(name, status, records, DnssecStatus.UNCHECKED);
    }

    /**
     * The same answer with what DNSSEC validation said about it.
     *
     * @param value the status
     * @return the new answer
     */
    public TxtAnswer withDnssec(DnssecStatus value) {
        return new TxtAnswer(name, status, records, value);
    }

    /**
     * The name has these TXT records.
     *
     * @param name the name asked about
     * @param records the records, each with its character-strings already joined; at least one
     * @return the answer
     */
    public static TxtAnswer found(String name, List<String> records) {
        return new TxtAnswer(name, Status.FOUND, records);
    }

    /**
     * The name exists without TXT records.
     *
     * @param name the name asked about
     * @return the answer
     */
    public static TxtAnswer noData(String name) {
        return new TxtAnswer(name, Status.NO_DATA, List.of());
    }

    /**
     * The name does not exist.
     *
     * @param name the name asked about
     * @return the answer
     */
    public static TxtAnswer noSuchName(String name) {
        return new TxtAnswer(name, Status.NO_SUCH_NAME, List.of());
    }
}
