package dev.sendmail.sts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code _mta-sts.DOMAIN} TXT record that announces an MTA-STS policy (RFC 8461 section 3.1), such as
 * {@code v=STSv1; id=20160831085700Z;}. Its {@code id} changes whenever the policy does, which tells a sender
 * with a cached policy when to fetch it again.
 *
 * @param id the policy instance id: 1 to 32 letters and digits
 */
public record StsRecord(String id) {

    /** The longest TXT record text examined, in characters. */
    public static final int MAX_LENGTH = 4096;

    /**
     * Checks the id.
     *
     * @param id the policy instance id: 1 to 32 letters and digits
     */
    public StsRecord {
        Objects.requireNonNull(id, "id");
        if (!isId(id)) {
            throw new IllegalArgumentException("id must be 1 to 32 letters and digits, not " + StsPolicy.quote(id));
        }
    }

    /**
     * Picks the record from all TXT records at {@code _mta-sts.DOMAIN}, as RFC 8461 section 3.1 says: records
     * that do not start with {@code v=STSv1} and a {@code ;} are discarded, and exactly one must remain.
     *
     * @param txt the TXT records, each one's strings already joined
     * @return the record
     * @throws IllegalArgumentException with a one-line reason when there is none, more than one, or it is
     *         malformed; the domain then has no usable policy record
     */
    public static StsRecord select(List<String> txt) {
        List<String> candidates = new ArrayList<>();
        for (String t : txt) {
            if (isStsRecord(t)) {
                candidates.add(t);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no TXT record starts with v=STSv1");
        }
        if (candidates.size() > 1) {
            throw new IllegalArgumentException(candidates.size() + " TXT records start with v=STSv1; exactly one "
                    + "is allowed");
        }
        return parse(candidates.get(0));
    }

    /**
     * Parses one record: {@code v=STSv1}, then fields separated by {@code ;} and optional blanks, one of them
     * {@code id}, others (extensions) checked for syntax and ignored.
     *
     * @param text the record text
     * @return the record
     * @throws IllegalArgumentException with a one-line reason when it is malformed
     */
    public static StsRecord parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the TXT record is longer than " + MAX_LENGTH + " characters");
        }
        if (!isStsRecord(text)) {
            throw new IllegalArgumentException("the TXT record does not start with v=STSv1;");
        }
        String[] fields = text.split(";", -1);
        String id = null;
        for (int i = 1; i < fields.length; i++) {
            String f = StsPolicy.stripWsp(fields[i]);
            if (f.isEmpty()) {
                if (i == fields.length - 1) {
                    break;  // a trailing delimiter
                }
                throw new IllegalArgumentException("the TXT record has an empty field");
            }
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("the TXT record has a field without a name and value: "
                        + StsPolicy.quote(f));
            }
            String name = f.substring(0, eq);
            String value = f.substring(eq + 1);
            if (!StsPolicy.isFieldName(name)) {
                throw new IllegalArgumentException("the TXT record has an invalid field name " + StsPolicy.quote(name));
            }
            if (name.equals("id")) {
                if (id != null) {
                    throw new IllegalArgumentException("the TXT record gives id twice");
                }
                if (!isId(value)) {
                    throw new IllegalArgumentException("id must be 1 to 32 letters and digits, not "
                            + StsPolicy.quote(value));
                }
                id = value;
            } else if (!isExtensionValue(value)) {
                throw new IllegalArgumentException("the TXT record has an invalid value for " + name);
            }
        }
        if (id == null) {
            throw new IllegalArgumentException("the TXT record has no id");
        }
        return new StsRecord(id);
    }

    private static boolean isStsRecord(String t) {
        if (!t.startsWith("v=STSv1")) {
            return false;
        }
        int i = "v=STSv1".length();
        while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) {
            i++;
        }
        return i < t.length() && t.charAt(i) == ';';
    }

    private static boolean isId(String id) {
        if (id.isEmpty() || id.length() > 32) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII without blanks, {@code =} and {@code ;}. */
    private static boolean isExtensionValue(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '=' || c == ';') {
                return false;
            }
        }
        return true;
    }
}
