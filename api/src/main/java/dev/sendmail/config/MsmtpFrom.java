package dev.sendmail.config;

import dev.sendmail.local.LocalIdentity;

/**
 * msmtp's {@code from} value: {@code %U} is the local user name, {@code %H} the host name, {@code %C} the host's
 * canonical name (here the host name too: no DNS look-up is made to find it), {@code %M} the mail name from
 * {@code /etc/mailname} (the host name when that file is missing) and {@code %%} a percent sign: the names of
 * {@link LocalIdentity}, which also make the default sender. A value with {@code *} or {@code ?} is a pattern that
 * selects the account by envelope sender and is never itself a sender.
 */
public final class MsmtpFrom {

    private MsmtpFrom() {
    }

    /**
     * @param from a {@code from} value
     * @return true when it is a pattern (selects an account) rather than an address
     */
    public static boolean isPattern(String from) {
        return from.indexOf('*') >= 0 || from.indexOf('?') >= 0;
    }

    /**
     * Whether an envelope sender matches a {@code from} pattern: {@code *} stands for any run of characters,
     * {@code ?} for one; letters match regardless of case.
     *
     * @param pattern a {@code from} value for which {@link #isPattern} is true (or a plain address)
     * @param address the envelope sender
     * @return true when {@code address} matches
     */
    public static boolean matches(String pattern, String address) {
        String p = pattern.toLowerCase(java.util.Locale.ROOT);
        String a = address.toLowerCase(java.util.Locale.ROOT);
        int pi = 0;
        int ai = 0;
        int star = -1;
        int mark = 0;
        while (ai < a.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == a.charAt(ai))) {
                pi++;
                ai++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = ai;
            } else if (star >= 0) {
                pi = star + 1;
                ai = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /**
     * @param from a {@code from} value that is not a pattern
     * @param env where the user name comes from
     * @return {@code from} with its substitutions made
     * @throws IllegalArgumentException for a {@code %} followed by anything else
     */
    public static String expand(String from, UserEnvironment env) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < from.length(); i++) {
            char c = from.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            char n = i + 1 < from.length() ? from.charAt(++i) : ' ';
            switch (n) {
                case 'U' -> sb.append(LocalIdentity.userName(env));
                case 'H', 'C' -> sb.append(LocalIdentity.hostName(env));
                case 'M' -> sb.append(LocalIdentity.mailName(env));
                case '%' -> sb.append('%');
                default -> throw new IllegalArgumentException("from: unknown substitution %" + n
                        + " (%U, %H, %C, %M or %%)");
            }
        }
        return sb.toString();
    }
}
