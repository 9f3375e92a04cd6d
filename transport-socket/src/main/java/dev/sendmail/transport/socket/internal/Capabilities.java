package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.SmtpReply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ESMTP extensions a server announced in its EHLO reply (RFC 5321 4.1.1.1). Keywords are matched without
 * regard to case; {@code AUTH=LOGIN PLAIN} (the pre-standard form) counts like {@code AUTH LOGIN PLAIN}; a
 * {@code SIZE} without a number, or with a bad one, means no declared limit. A HELO session has none.
 *
 * @param keywords upper-case keyword to its parameters (a single space-separated string, maybe empty)
 * @param lines the keyword lines as the server sent them
 * @param esmtp false after a HELO fallback
 */
record Capabilities(Map<String, String> keywords, List<String> lines, boolean esmtp) {

    static final Capabilities NONE = new Capabilities(Map.of(), List.of(), false);

    Capabilities {
        keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
        lines = List.copyOf(lines);
    }

    /** Parses an EHLO reply: the first line is the greeting, each further line a keyword and parameters. */
    static Capabilities parse(SmtpReply ehlo) {
        Map<String, String> map = new LinkedHashMap<>();
        List<String> raw = new ArrayList<>();
        Set<String> auth = new LinkedHashSet<>();
        List<String> lines = ehlo.lines();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            raw.add(line);
            int cut = 0;
            while (cut < line.length() && line.charAt(cut) != ' ' && line.charAt(cut) != '=') {
                cut++;
            }
            String keyword = line.substring(0, cut).toUpperCase(Locale.ROOT);
            String params = cut < line.length() ? line.substring(cut + 1).strip() : "";
            if (keyword.equals("AUTH")) {
                for (String m : params.split("[ =]+")) {
                    if (!m.isEmpty()) {
                        auth.add(m.toUpperCase(Locale.ROOT));
                    }
                }
                map.put("AUTH", String.join(" ", auth));
            } else if (!keyword.isEmpty()) {
                map.putIfAbsent(keyword, params);
            }
        }
        return new Capabilities(map, raw, true);
    }

    boolean has(String keyword) {
        return keywords.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    boolean pipelining() {
        return has("PIPELINING");
    }

    boolean startTls() {
        return has("STARTTLS");
    }

    boolean eightBitMime() {
        return has("8BITMIME");
    }

    boolean smtpUtf8() {
        return has("SMTPUTF8");
    }

    boolean dsn() {
        return has("DSN");
    }

    boolean chunking() {
        return has("CHUNKING");
    }

    /** The server's SIZE limit in octets; 0 when it gave none (or SIZE 0, which RFC 1870 says means none). */
    long sizeLimit() {
        return dev.sendmail.spi.LocalPolicy.sizeLimit(keywords.get("SIZE"));
    }

    /** The SASL mechanisms offered, upper case, in the server's order. */
    Set<String> authMechanisms() {
        String p = keywords.get("AUTH");
        if (p == null || p.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(List.of(p.split(" ")));
    }
}
