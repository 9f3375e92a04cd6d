package dev.sendmail.dmarc;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.dkim.DkimKey;
import dev.sendmail.dkim.DkimKeyCheck;
import dev.sendmail.internal.Json;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.TxtAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether mail with a given envelope sender, From domain and DKIM key would pass the DNS side of SPF, DKIM and
 * DMARC ({@code send-mail --check-sender}): looks up the envelope sender domain's SPF record, the From domain's
 * DMARC record ({@code _dmarc}, then each parent domain, as RFC 7489 section 6.6.3 and its successor's tree walk
 * do) and the published DKIM key for the selector, and says whether the domains are DMARC-aligned in relaxed and
 * in strict mode. Only DNS is asked (TXT records through the {@link Resolver}); no mail is sent.
 *
 * <p>Relaxed alignment compares organizational domains. Without the Public Suffix List, the organizational domain
 * is taken as the last two labels, or the last three when the second-to-last is a short label under a two-letter
 * country code ({@code example.co.uk}); a domain under another public suffix may be judged wrongly.
 *
 * <p>Stateless and thread-safe; each {@link #check} makes at most a dozen TXT lookups.
 */
public final class SenderCheck {

    /** How a finding reads. */
    public enum Verdict {
        /** As it should be. */
        OK,
        /** Something to fix; the line says what. */
        FIX,
        /** Worth knowing, nothing to fix. */
        NOTE
    }

    /**
     * One thing checked.
     *
     * @param topic {@code spf}, {@code dmarc}, {@code dkim}, {@code alignment relaxed} or {@code alignment strict}
     * @param verdict what it means
     * @param line one line for a person
     */
    public record Finding(String topic, Verdict verdict, String line) {
        /**
         * Checks the components.
         *
         * @param topic what was checked
         * @param verdict what it means
         * @param line one line for a person
         */
        public Finding {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(line, "line");
        }

        @Override
        public String toString() {
            return topic + ": " + (verdict == Verdict.FIX ? "fix: " : verdict == Verdict.OK ? "ok: " : "") + line;
        }
    }

    /**
     * What {@link #check} found, in the order SPF, DKIM, DMARC, alignment.
     *
     * @param findings one line each
     */
    public record Report(List<Finding> findings) {
        /**
         * Copies the list.
         *
         * @param findings one line each
         */
        public Report {
            findings = List.copyOf(findings);
        }

        /**
         * Whether anything needs fixing.
         *
         * @return true when a finding is {@link Verdict#FIX}
         */
        public boolean needsFixing() {
            return findings.stream().anyMatch(f -> f.verdict() == Verdict.FIX);
        }

        /**
         * The report for a person, as {@code send-mail --check-sender} prints it: a heading naming the sender, then
         * one indented line per finding ({@link Finding#toString()}). Control characters (a DNS record's) become
         * spaces, so each line stays one line.
         *
         * @param sender the From address checked
         * @return the lines, without line ends
         */
        public List<String> text(String sender) {
            List<String> lines = new ArrayList<>();
            lines.add(ControlCharacters.oneLine("sender " + sender + " (SPF, DKIM, DMARC in DNS):"));
            findings.forEach(f -> lines.add(ControlCharacters.oneLine("  " + f)));
            return lines;
        }

        /**
         * The report for programs: one JSON object (RFC 8259, without line breaks) per finding, with the fields
         * {@code sender}, {@code check} (the topic), {@code verdict} ({@link Verdict} in lower case) and
         * {@code line}.
         *
         * @param sender the From address checked
         * @return the objects, in the order of the findings
         */
        public List<String> json(String sender) {
            return findings.stream().map(f -> new Json().field("sender", sender).field("check", f.topic())
                    .field("verdict", f.verdict().name().toLowerCase(Locale.ROOT)).field("line", f.line())
                    .toString()).toList();
        }
    }

    /**
     * A check that could not be made, for a person: {@code sender a@example.org: not checked: WHY}, on one line.
     *
     * @param sender the From address
     * @param why why not, such as a failed lookup's message
     * @return the line
     */
    public static String notCheckedText(String sender, String why) {
        return ControlCharacters.oneLine("sender " + sender + ": not checked: " + why);
    }

    /**
     * A check that could not be made, for programs: one JSON object with the fields {@code sender} and
     * {@code error}.
     *
     * @param sender the From address
     * @param why why not
     * @return the object, without line breaks
     */
    public static String notCheckedJson(String sender, String why) {
        return new Json().field("sender", sender).field("error", why).toString();
    }

    /**
     * The DKIM key the sender signs with.
     *
     * @param domain the {@code d=} domain
     * @param selector the {@code s=} selector
     * @param key the signing key, whose public half the published record must give
     */
    public record DkimSetup(String domain, String selector, DkimKey key) {
        /**
         * Checks the components.
         *
         * @param domain the {@code d=} domain
         * @param selector the {@code s=} selector
         * @param key the signing key
         */
        public DkimSetup {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(key, "key");
        }
    }

    private static final int MAX_WALK = 8;

    private SenderCheck() {
    }

    /**
     * Looks everything up and judges it.
     *
     * @param resolver answers the TXT lookups
     * @param envelopeDomain the domain of the envelope sender (MAIL FROM), which SPF checks
     * @param fromDomain the domain of the From header, which DMARC protects
     * @param dkim the DKIM keys used (several for a message signed twice, RSA and Ed25519); empty for none
     * @return the findings
     * @throws ResolutionFailedException when a lookup failed in a way that may pass (timeout, SERVFAIL)
     * @throws IllegalArgumentException when a domain is not an ASCII domain name
     */
    public static Report check(Resolver resolver, String envelopeDomain, String fromDomain, List<DkimSetup> dkim)
            throws ResolutionFailedException {
        String env = normal(envelopeDomain);
        String from = normal(fromDomain);
        List<Finding> out = new ArrayList<>();
        boolean spfUsable = checkSpf(resolver, env, out);
        Optional<String> dkimDomain = Optional.empty();
        boolean dkimUsable = false;
        if (dkim.isEmpty()) {
            checkDkim(resolver, Optional.empty(), out);
        }
        for (DkimSetup d : dkim) {
            boolean usable = checkDkim(resolver, Optional.of(d), out);
            if (dkimDomain.isEmpty() || usable && !dkimUsable) {
                dkimDomain = Optional.of(normal(d.domain()));
            }
            dkimUsable |= usable;
        }
        Optional<DmarcRecord> dmarc = checkDmarc(resolver, from, out);
        align(env, from, dkimDomain, spfUsable, dkimUsable, dmarc, out);
        return new Report(out);
    }

    private static boolean checkSpf(Resolver resolver, String domain, List<Finding> out)
            throws ResolutionFailedException {
        TxtAnswer a = resolver.txt(domain);
        List<String> spf = a.records().stream().filter(SpfRecord::isSpf).toList();
        if (spf.isEmpty()) {
            out.add(new Finding("spf", Verdict.FIX, "no SPF record at " + domain + ": publish a TXT record such as "
                    + "\"v=spf1 mx -all\" listing the hosts that relay its mail"));
            return false;
        }
        if (spf.size() > 1) {
            out.add(new Finding("spf", Verdict.FIX, domain + " has " + spf.size() + " SPF records (receivers "
                    + "answer permerror): merge them into one"));
            return false;
        }
        SpfRecord r = SpfRecord.parse(spf.get(0));
        for (String p : r.problems()) {
            out.add(new Finding("spf", Verdict.FIX, domain + ": " + p));
        }
        if (r.problems().isEmpty()) {
            out.add(new Finding("spf", Verdict.OK, domain + " publishes \"" + spf.get(0) + "\" (" + r.lookups()
                    + " DNS lookups); it must list the host that relays this mail"));
        }
        return r.valid();
    }

    private static boolean checkDkim(Resolver resolver, Optional<DkimSetup> dkim, List<Finding> out)
            throws ResolutionFailedException {
        if (dkim.isEmpty()) {
            out.add(new Finding("dkim", Verdict.NOTE, "no DKIM key configured: DMARC rests on SPF alone, which "
                    + "forwarding breaks"));
            return false;
        }
        DkimSetup d = dkim.get();
        DkimKeyCheck c = DkimKeyCheck.check(resolver, d.key(), normal(d.selector()), normal(d.domain()));
        String name = c.name();
        String type = d.key().algorithm().keyType();
        String publicKey = d.key().publicKeyTag();
        String text = switch (c.outcome()) {
            case MATCH -> name + " publishes the configured " + type + " key";
            case MISSING -> "no DKIM key at " + name + ": publish \"" + d.key().dnsRecord() + "\"";
            case REVOKED -> "the key at " + name + " is revoked (empty p=): publish p=" + publicKey;
            case KEY_MISMATCH -> "the key at " + name + " is not the public half of the configured key: publish p="
                    + publicKey;
            case KEY_TYPE_MISMATCH, INVALID -> name + ": " + c.detail();
        };
        out.add(new Finding("dkim", c.matches() ? Verdict.OK : Verdict.FIX, text));
        return c.matches();
    }

    private static Optional<DmarcRecord> checkDmarc(Resolver resolver, String from, List<Finding> out)
            throws ResolutionFailedException {
        String domain = from;
        for (int i = 0; i < MAX_WALK && domain.contains("."); i++) {
            String name = "_dmarc." + domain;
            TxtAnswer a = resolver.txt(name);
            List<String> found = a.records().stream().filter(DmarcRecord::isDmarc).toList();
            if (found.size() > 1) {
                out.add(new Finding("dmarc", Verdict.FIX, name + " has " + found.size() + " DMARC records "
                        + "(receivers ignore them all): keep one"));
                return Optional.empty();
            }
            if (found.size() == 1) {
                DmarcRecord r = DmarcRecord.parse(found.get(0));
                for (String p : r.problems()) {
                    out.add(new Finding("dmarc", Verdict.FIX, name + ": " + p));
                }
                boolean inherited = !domain.equals(from);
                String policy = (inherited ? r.subdomainPolicy().or(r::policy) : r.policy()).orElse("?");
                if (r.policy().isPresent()) {
                    out.add(new Finding("dmarc", policy.equals("none") ? Verdict.NOTE : Verdict.OK, name
                            + (inherited ? " (for " + from + ")" : "") + ": p=" + policy + ", adkim="
                            + (r.strictDkim() ? "s" : "r") + ", aspf=" + (r.strictSpf() ? "s" : "r")
                            + (r.percent() < 100 ? ", pct=" + r.percent() : "")
                            + (policy.equals("none") ? " (monitoring only)" : "")));
                    return Optional.of(r);
                }
                return Optional.empty();
            }
            int dot = domain.indexOf('.');
            domain = domain.substring(dot + 1);
        }
        out.add(new Finding("dmarc", Verdict.FIX, "no DMARC record for " + from + ": publish _dmarc." + from
                + " TXT \"v=DMARC1; p=none; rua=mailto:dmarc-reports@" + from + "\" (bulk senders need one)"));
        return Optional.empty();
    }

    private static void align(String env, String from, Optional<String> dkimDomain, boolean spfUsable,
                              boolean dkimUsable, Optional<DmarcRecord> dmarc, List<Finding> out) {
        for (boolean strict : new boolean[] {false, true}) {
            String topic = strict ? "alignment strict" : "alignment relaxed";
            boolean spfAligned = strict ? env.equals(from) : organizational(env).equals(organizational(from));
            boolean dkimAligned = dkimDomain.isPresent() && (strict ? dkimDomain.get().equals(from)
                    : organizational(dkimDomain.get()).equals(organizational(from)));
            List<String> how = new ArrayList<>();
            if (dkimAligned) {
                how.add("DKIM d=" + dkimDomain.get() + (dkimUsable ? "" : " (once its key is published)"));
            }
            if (spfAligned) {
                how.add("SPF " + env + (spfUsable ? "" : " (once its SPF record is fixed)"));
            }
            boolean required = !strict || dmarc.isPresent() && (dmarc.get().strictDkim() || dmarc.get().strictSpf());
            if (!how.isEmpty()) {
                out.add(new Finding(topic, Verdict.OK, "From " + from + " is aligned through " + String.join(" and ",
                        how)));
                continue;
            }
            String fix = "From " + from + " is aligned with neither the envelope sender's domain " + env
                    + (dkimDomain.isPresent() ? " nor the DKIM domain " + dkimDomain.get() : " (and no DKIM key)")
                    + ": " + (dkimDomain.isPresent() ? "sign with d=" + (strict ? from : organizational(from))
                    : "add a DKIM key for " + from) + " or send with an envelope sender at " + (strict ? from
                    : organizational(from));
            out.add(new Finding(topic, required ? Verdict.FIX : Verdict.NOTE, fix));
        }
    }

    /** The organizational domain by the heuristic in the class comment. */
    static String organizational(String domain) {
        String[] labels = domain.split("\\.");
        if (labels.length <= 2) {
            return domain;
        }
        int keep = 2;
        String tld = labels[labels.length - 1];
        String second = labels[labels.length - 2];
        if (tld.length() == 2 && second.length() <= 3) {
            keep = 3;
        }
        return String.join(".", java.util.Arrays.asList(labels).subList(labels.length - keep, labels.length));
    }

    private static String normal(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty() || d.length() > 253) {
            throw new IllegalArgumentException("not a domain: '" + domain + "'");
        }
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_')) {
                throw new IllegalArgumentException("not an ASCII domain name: '" + domain.replaceAll("[\\p{Cntrl}]",
                        "?") + "'");
            }
        }
        return d;
    }
}

