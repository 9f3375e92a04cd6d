package dev.sendmail.resolver.dns.internal;

import dev.sendmail.api.ResolutionFailedException.Reason;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * Turns the TXT records of one answer into texts: each record's character-strings joined with nothing between
 * them (RFC 6376 section 3.6.2.2, RFC 7208 section 3.3), each octet as the char of the same value. Bounded: more
 * than {@link #MAX_RECORDS} records, a record over {@link #MAX_RECORD_OCTETS} or all of them over
 * {@link #MAX_TOTAL_OCTETS} is refused as a whole (a record silently dropped could change a verdict).
 */
public final class TxtRecords {

    /** Records accepted for one name; a busy zone apex has a few dozen. */
    public static final int MAX_RECORDS = 100;
    /** Octets in one joined record; an RSA-4096 DKIM key record is under 800. */
    public static final int MAX_RECORD_OCTETS = 8192;
    /** Octets in all records of one name together. */
    public static final int MAX_TOTAL_OCTETS = 32_768;

    private TxtRecords() {
    }

    /**
     * @param records records of an answer; those that are not TXT are skipped
     * @return the joined texts in order
     * @throws LookupException PERMANENT when a bound is exceeded
     */
    public static List<String> texts(List<Record> records) throws LookupException {
        List<String> out = new ArrayList<>();
        long total = 0;
        for (Record r : records) {
            if (!(r instanceof TXTRecord txt)) {
                continue;
            }
            if (out.size() == MAX_RECORDS) {
                throw new LookupException(Reason.PERMANENT, "more than " + MAX_RECORDS + " TXT records", null);
            }
            List<byte[]> strings = txt.getStringsAsByteArrays();
            int length = 0;
            for (byte[] s : strings) {
                length += s.length;
            }
            if (length > MAX_RECORD_OCTETS) {
                throw new LookupException(Reason.PERMANENT, "a TXT record of " + length + " octets (at most "
                        + MAX_RECORD_OCTETS + ")", null);
            }
            total += length;
            if (total > MAX_TOTAL_OCTETS) {
                throw new LookupException(Reason.PERMANENT, "TXT records over " + MAX_TOTAL_OCTETS + " octets in all",
                        null);
            }
            StringBuilder sb = new StringBuilder(length);
            for (byte[] s : strings) {
                for (byte b : s) {
                    sb.append((char) (b & 0xFF));
                }
            }
            out.add(sb.toString());
        }
        return out;
    }
}
