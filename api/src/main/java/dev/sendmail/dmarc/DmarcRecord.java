package dev.sendmail.dmarc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A DMARC policy record (RFC 7489 section 6.3, 6.4): the policy and the alignment modes a sender must meet, and
 * one line per thing to fix. The parser is a pure function with hard bounds ({@link #MAX_LENGTH} characters,
 * {@link #MAX_TAGS} tags); unknown tags are ignored as the RFC says, a duplicate or invalid known tag is a problem.
 *
 * @param policy {@code none}, {@code quarantine} or {@code reject}; empty when the record has no valid {@code p=}
 * @param subdomainPolicy the {@code sp=} policy, if given
 * @param strictDkim {@code adkim=s}: the DKIM domain must equal the From domain
 * @param strictSpf {@code aspf=s}: the envelope sender's domain must equal the From domain
 * @param percent the {@code pct=} share of mail the policy applies to (100 by default)
 * @param problems one line per thing to fix; empty when the record is fine
 */
public record DmarcRecord(Optional<String> policy, Optional<String> subdomainPolicy, boolean strictDkim,
                          boolean strictSpf, int percent, List<String> problems) {

    /** The longest record read. */
    public static final int MAX_LENGTH = 2048;
    /** The most tags read. */
    public static final int MAX_TAGS = 32;

    /**
     * Copies the list.
     *
     * @param policy {@code none}, {@code quarantine} or {@code reject}, if valid
     * @param subdomainPolicy the {@code sp=} policy, if given
     * @param strictDkim {@code adkim=s}
     * @param strictSpf {@code aspf=s}
     * @param percent the {@code pct=} value
     * @param problems one line per thing to fix
     */
    public DmarcRecord {
        problems = List.copyOf(problems);
    }

    /**
     * Whether a TXT record is a DMARC record: it starts with {@code v=DMARC1} followed by {@code ;}, a space or
     * the end (the version tag must come first).
     *
     * @param txt one TXT record, its strings joined
     * @return whether DMARC reads it
     */
    public static boolean isDmarc(String txt) {
        String t = txt.stripLeading();
        if (!t.regionMatches(true, 0, "v", 0, 1)) {
            return false;
        }
        String rest = t.substring(1).stripLeading();
        if (!rest.startsWith("=")) {
            return false;
        }
        rest = rest.substring(1).stripLeading();
        if (!rest.startsWith("DMARC1")) {
            return false;
        }
        rest = rest.substring(6).stripLeading();
        return rest.isEmpty() || rest.startsWith(";");
    }

    /**
     * Reads a DMARC record.
     *
     * @param txt the record ({@link #isDmarc} is true for it)
     * @return the record with its problems; never throws for bad input
     */
    public static DmarcRecord parse(String txt) {
        List<String> problems = new ArrayList<>();
        if (txt.length() > MAX_LENGTH) {
            problems.add("the DMARC record is longer than " + MAX_LENGTH + " characters");
            return new DmarcRecord(Optional.empty(), Optional.empty(), false, false, 100, problems);
        }
        for (int i = 0; i < txt.length(); i++) {
            char c = txt.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                problems.add("the DMARC record contains a character that is not printable ASCII");
                return new DmarcRecord(Optional.empty(), Optional.empty(), false, false, 100, problems);
            }
        }
        if (!isDmarc(txt)) {
            problems.add("the record does not start with v=DMARC1");
            return new DmarcRecord(Optional.empty(), Optional.empty(), false, false, 100, problems);
        }
        Optional<String> policy = Optional.empty();
        Optional<String> sp = Optional.empty();
        boolean adkim = false;
        boolean aspf = false;
        int pct = 100;
        boolean rua = false;
        boolean sawP = false;
        Set<String> seen = new HashSet<>();
        String[] tags = txt.split(";", MAX_TAGS + 2);
        for (int i = 1; i < tags.length; i++) {
            String tag = tags[i].strip();
            if (tag.isEmpty()) {
                continue;
            }
            if (i > MAX_TAGS) {
                problems.add("the DMARC record has more than " + MAX_TAGS + " tags");
                break;
            }
            int eq = tag.indexOf('=');
            if (eq <= 0) {
                problems.add("DMARC tag '" + tag + "' has no value");
                continue;
            }
            String name = tag.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = tag.substring(eq + 1).strip();
            if (!seen.add(name)) {
                problems.add("the DMARC record has more than one " + name + "=");
                continue;
            }
            String v = value.toLowerCase(Locale.ROOT);
            switch (name) {
                case "p" -> {
                    sawP = true;
                    if (isPolicy(v)) {
                        policy = Optional.of(v);
                    } else {
                        problems.add("DMARC p=" + value + " is not none, quarantine or reject");
                    }
                }
                case "sp" -> {
                    if (isPolicy(v)) {
                        sp = Optional.of(v);
                    } else {
                        problems.add("DMARC sp=" + value + " is not none, quarantine or reject");
                    }
                }
                case "adkim", "aspf" -> {
                    if (!v.equals("r") && !v.equals("s")) {
                        problems.add("DMARC " + name + "=" + value + " is not r or s");
                    } else if (name.equals("adkim")) {
                        adkim = v.equals("s");
                    } else {
                        aspf = v.equals("s");
                    }
                }
                case "pct" -> {
                    if (v.isEmpty() || v.length() > 3 || !v.chars().allMatch(Character::isDigit)
                            || Integer.parseInt(v) > 100) {
                        problems.add("DMARC pct=" + value + " is not a number from 0 to 100");
                    } else {
                        pct = Integer.parseInt(v);
                    }
                }
                case "rua" -> rua = true;
                case "v" -> problems.add("the DMARC record has more than one v=");
                default -> {
                    // ruf, fo, rf, ri and tags of later versions: not needed to judge alignment
                }
            }
        }
        if (!sawP) {
            if (rua) {
                policy = Optional.of("none");
                problems.add("the DMARC record has no p= tag (read as p=none because rua= is given): add one");
            } else {
                problems.add("the DMARC record has no p= tag: receivers ignore it; add p=none, quarantine or "
                        + "reject");
            }
        }
        return new DmarcRecord(policy, sp, adkim, aspf, pct, problems);
    }

    private static boolean isPolicy(String v) {
        return v.equals("none") || v.equals("quarantine") || v.equals("reject");
    }
}
