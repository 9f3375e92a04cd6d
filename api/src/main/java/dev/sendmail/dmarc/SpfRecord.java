package dev.sendmail.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An SPF record (RFC 7208 section 4.5, 12) checked for what a sender should fix: its syntax, the number of terms
 * that cost a DNS lookup (at most 10, section 4.6.4), and what it says about hosts it does not list (the
 * {@code all} mechanism or {@code redirect}). It is not evaluated against an address: that needs lookups this
 * check does not make.
 *
 * <p>The parser is a pure function with hard bounds: a record longer than {@link #MAX_LENGTH} characters or with
 * more than {@link #MAX_TERMS} terms is refused with a problem, never read further.
 *
 * @param terms the terms as written, in order
 * @param lookups the terms that cost a DNS lookup ({@code include}, {@code a}, {@code mx}, {@code ptr},
 *        {@code exists}, {@code redirect})
 * @param all the qualifier of the {@code all} mechanism ({@code +}, {@code -}, {@code ~} or {@code ?}), if any
 * @param redirect the {@code redirect} domain, if any
 * @param valid whether receivers can evaluate it (no syntax error, at most {@link #MAX_LOOKUPS} lookups); a valid
 *        record may still have advice in {@code problems}
 * @param problems one line per thing to fix, errors first; empty when the record is fine
 */
public record SpfRecord(List<String> terms, int lookups, Optional<Character> all, Optional<String> redirect,
                        boolean valid, List<String> problems) {

    /** The longest record read. */
    public static final int MAX_LENGTH = 4096;
    /** The most terms read. */
    public static final int MAX_TERMS = 100;
    /** RFC 7208 section 4.6.4. */
    public static final int MAX_LOOKUPS = 10;

    /**
     * Copies the lists.
     *
     * @param terms the terms as written, in order
     * @param lookups the terms that cost a DNS lookup
     * @param all the qualifier of the {@code all} mechanism, if any
     * @param redirect the {@code redirect} domain, if any
     * @param valid whether receivers can evaluate it
     * @param problems one line per thing to fix
     */
    public SpfRecord {
        terms = List.copyOf(terms);
        problems = List.copyOf(problems);
    }

    /**
     * Whether a TXT record is an SPF record: it is {@code v=spf1} or starts with {@code v=spf1 } (case-insensitive).
     *
     * @param txt one TXT record, its strings joined
     * @return whether SPF reads it
     */
    public static boolean isSpf(String txt) {
        String t = txt.length() > 7 ? txt.substring(0, 7) : txt;
        t = t.toLowerCase(Locale.ROOT);
        return t.equals("v=spf1") || t.equals("v=spf1 ");
    }

    /**
     * Reads an SPF record.
     *
     * @param txt the record ({@link #isSpf} is true for it)
     * @return the record with its problems; never throws for bad input
     */
    public static SpfRecord parse(String txt) {
        List<String> problems = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        if (txt.length() > MAX_LENGTH) {
            problems.add("the SPF record is longer than " + MAX_LENGTH + " characters");
            return new SpfRecord(terms, 0, Optional.empty(), Optional.empty(), false, problems);
        }
        for (int i = 0; i < txt.length(); i++) {
            char c = txt.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                problems.add("the SPF record contains a character that is not printable ASCII");
                return new SpfRecord(terms, 0, Optional.empty(), Optional.empty(), false, problems);
            }
        }
        if (!isSpf(txt)) {
            problems.add("the record does not start with v=spf1");
            return new SpfRecord(terms, 0, Optional.empty(), Optional.empty(), false, problems);
        }
        List<String> advice = new ArrayList<>();
        int lookups = 0;
        Optional<Character> all = Optional.empty();
        Optional<String> redirect = Optional.empty();
        boolean exp = false;
        boolean afterAll = false;
        String[] parts = txt.substring(6).split(" ", MAX_TERMS + 2);
        for (String term : parts) {
            if (term.isEmpty()) {
                continue;
            }
            if (terms.size() == MAX_TERMS) {
                problems.add("the SPF record has more than " + MAX_TERMS + " terms");
                break;
            }
            terms.add(term);
            String lower = term.toLowerCase(Locale.ROOT);
            int eq = lower.indexOf('=');
            int colon = lower.indexOf(':');
            int slash = lower.indexOf('/');
            boolean modifier = eq > 0 && (colon < 0 || eq < colon) && (slash < 0 || eq < slash);
            if (modifier) {
                String name = lower.substring(0, eq);
                String value = term.substring(eq + 1);
                if (!isName(name)) {
                    problems.add("SPF term '" + term + "' is not a valid modifier");
                } else if (name.equals("redirect")) {
                    if (redirect.isPresent()) {
                        problems.add("the SPF record has more than one redirect=");
                    } else if (!isDomainSpec(value)) {
                        problems.add("SPF redirect= names no valid domain");
                    } else {
                        redirect = Optional.of(value);
                        lookups++;
                    }
                } else if (name.equals("exp")) {
                    if (exp) {
                        problems.add("the SPF record has more than one exp=");
                    }
                    exp = true;
                }
                continue;
            }
            char q = '+';
            String mech = lower;
            if (!mech.isEmpty() && "+-~?".indexOf(mech.charAt(0)) >= 0) {
                q = mech.charAt(0);
                mech = mech.substring(1);
            }
            if (afterAll) {
                advice.add("SPF term '" + term + "' after 'all' is never used");
            }
            String name = mech;
            String arg = null;
            int sep = indexOfAny(mech, ":/");
            if (sep >= 0) {
                name = mech.substring(0, sep);
                arg = mech.substring(sep);
            }
            switch (name) {
                case "all" -> {
                    if (arg != null) {
                        problems.add("SPF 'all' takes no argument: '" + term + "'");
                    }
                    if (all.isEmpty()) {
                        all = Optional.of(q);
                    }
                    afterAll = true;
                }
                case "include", "exists" -> {
                    lookups++;
                    if (arg == null || !arg.startsWith(":") || !isDomainSpec(arg.substring(1))) {
                        problems.add("SPF '" + name + "' needs a domain: '" + term + "'");
                    }
                }
                case "a", "mx" -> {
                    lookups++;
                    if (arg != null && !validDomainAndCidr(arg)) {
                        problems.add("SPF term '" + term + "' has an invalid domain or prefix length");
                    }
                }
                case "ptr" -> {
                    lookups++;
                    advice.add("SPF 'ptr' is slow and unreliable (RFC 7208 section 5.5): list the addresses instead");
                    if (arg != null && (!arg.startsWith(":") || !isDomainSpec(arg.substring(1)))) {
                        problems.add("SPF term '" + term + "' has an invalid domain");
                    }
                }
                case "ip4" -> {
                    if (arg == null || !arg.startsWith(":") || !isIp4(arg.substring(1))) {
                        problems.add("SPF term '" + term + "' is not a valid IPv4 address or network");
                    }
                }
                case "ip6" -> {
                    if (arg == null || !arg.startsWith(":") || !isIp6(arg.substring(1))) {
                        problems.add("SPF term '" + term + "' is not a valid IPv6 address or network");
                    }
                }
                default -> problems.add("SPF term '" + term + "' is not a known mechanism");
            }
        }
        if (lookups > MAX_LOOKUPS) {
            problems.add("the SPF record needs " + lookups + " DNS lookups, more than the " + MAX_LOOKUPS
                    + " allowed (RFC 7208 section 4.6.4): receivers answer permerror");
        }
        if (all.isPresent() && all.get() == '+') {
            advice.add("SPF '+all' lets every host on the Internet send as this domain: end with -all or ~all");
        } else if (all.isEmpty() && redirect.isEmpty()) {
            advice.add("the SPF record says nothing about other hosts: end it with -all (or ~all)");
        }
        boolean valid = problems.isEmpty();
        problems.addAll(advice);
        return new SpfRecord(terms, lookups, all, redirect, valid, problems);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isName(String s) {
        if (s.isEmpty() || !(s.charAt(0) >= 'a' && s.charAt(0) <= 'z')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** A domain-spec: macros allowed, so only printable ASCII without spaces and at most 255 characters. */
    private static boolean isDomainSpec(String s) {
        return !s.isEmpty() && s.length() <= 255 && !s.contains(" ") && !s.startsWith(".");
    }

    private static boolean validDomainAndCidr(String arg) {
        String rest = arg;
        if (rest.startsWith(":")) {
            int slash = rest.indexOf('/');
            String domain = slash < 0 ? rest.substring(1) : rest.substring(1, slash);
            if (!isDomainSpec(domain)) {
                return false;
            }
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        if (rest.isEmpty()) {
            return true;
        }
        // "/n" for IPv4, "//n" for IPv6, or "/n//m"
        String[] cidr = rest.substring(1).split("/", -1);
        if (cidr.length == 1) {
            return inRange(cidr[0], 32);
        }
        if (cidr.length == 2 && cidr[0].isEmpty()) {
            return inRange(cidr[1], 128);
        }
        return cidr.length == 3 && cidr[1].isEmpty() && inRange(cidr[0], 32) && inRange(cidr[2], 128);
    }

    private static boolean inRange(String digits, int max) {
        if (digits.isEmpty() || digits.length() > 3) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i)) || digits.charAt(i) > '9') {
                return false;
            }
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            return false;
        }
        return Integer.parseInt(digits) <= max;
    }

    private static boolean isIp4(String s) {
        int slash = s.indexOf('/');
        if (slash >= 0 && !inRange(s.substring(slash + 1), 32)) {
            return false;
        }
        String[] octets = (slash < 0 ? s : s.substring(0, slash)).split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String o : octets) {
            if (!inRange(o, 255) && !o.equals("0")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIp6(String s) {
        int slash = s.indexOf('/');
        if (slash >= 0 && !inRange(s.substring(slash + 1), 128)) {
            return false;
        }
        String a = slash < 0 ? s : s.substring(0, slash);
        if (a.length() < 2 || a.length() > 45 || !a.contains(":")) {
            return false;
        }
        int doubleColon = a.indexOf("::");
        if (doubleColon >= 0 && a.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = a.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                continue;
            }
            if (i == groups.length - 1 && g.contains(".")) {
                if (!isIp4(g)) {
                    return false;
                }
                count += 2;
                continue;
            }
            if (g.length() > 4) {
                return false;
            }
            for (int j = 0; j < g.length(); j++) {
                if (Character.digit(g.charAt(j), 16) < 0) {
                    return false;
                }
            }
            count++;
        }
        return doubleColon >= 0 ? count < 8 : count == 8;
    }
}
