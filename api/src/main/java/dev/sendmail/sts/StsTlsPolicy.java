package dev.sendmail.sts;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TlsRequirement;
import dev.sendmail.spi.DomainTlsPolicy;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.tlsrpt.TlsReportStore;
import dev.sendmail.tlsrpt.TlsSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * MTA-STS (RFC 8461 section 5) as a {@link DomainTlsPolicy} for the {@link dev.sendmail.api.Sender}. For a domain
 * whose policy is {@code enforce}, only MX hosts that match the policy's patterns are tried, each with
 * {@link TlsRequirement.Pkix} for its own name, and a domain none of whose hosts match is deferred. Under
 * {@code testing} every host is tried as before, a matching one first with that requirement, and what fails is
 * only reported. A host that already has a requirement of its own (DANE) keeps it: DANE takes precedence. With
 * a {@link TlsReportStore}, every session under a policy is recorded for TLS reports (RFC 8460): MTA-STS ones as
 * policy type {@code sts}, those to hosts with DANE as {@code tlsa}.
 *
 * <p><b>Thread safety:</b> instances are thread-safe.
 */
public final class StsTlsPolicy implements DomainTlsPolicy {

    private final MtaSts sts;
    private final Optional<TlsReportStore> reports;
    private final Clock clock;
    private final Consumer<String> problems;

    /**
     * The policy with these parts.
     *
     * @param sts finds the policies
     * @param reports where sessions are recorded for TLS reports; empty to record nothing
     * @param clock the time of each recorded session
     * @param problems told, in one line, when a session cannot be recorded
     */
    public StsTlsPolicy(MtaSts sts, Optional<TlsReportStore> reports, Clock clock, Consumer<String> problems) {
        this.sts = Objects.requireNonNull(sts, "sts");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    @Override
    public Decision decide(MailRoute route, Instant deadline) {
        StsLookup lookup = sts.lookup(route.domain(), deadline);
        lookup.failure().ifPresent(f -> record(lookup, lookup.domain(), Optional.of(f.kind().resultType()),
                f.getMessage()));
        List<String> notes = new ArrayList<>();
        if (lookup.policy().isEmpty()) {
            notes.add("MTA-STS: no policy (" + lookup.how() + ")");
            return new StsDecision(route, notes, Optional.empty(), lookup, List.of());
        }
        StsPolicy p = lookup.policy().get().policy();
        notes.add("MTA-STS: " + p.mode().wireName() + (p.mx().isEmpty() ? "" : ", mx " + String.join(" ", p.mx()))
                + ", max_age " + p.maxAge().toSeconds() + " s; " + lookup.how());
        if (p.mode() == StsMode.NONE) {
            return new StsDecision(route, notes, Optional.empty(), lookup, List.of());
        }
        boolean enforce = p.mode() == StsMode.ENFORCE;
        String source = "MTA-STS " + p.mode().wireName();
        List<MailHost> hosts = new ArrayList<>();
        List<String> tested = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (MailHost h : route.hosts()) {
            if (h.tlsRequirement().requiresTls()) {
                hosts.add(h);
            } else if (p.allows(h.name())) {
                hosts.add(h.withTlsRequirement(new TlsRequirement.Pkix(h.name(), source)));
                if (!enforce) {
                    tested.add(key(h.name()));
                }
            } else if (enforce) {
                refused.add(h.name());
                notes.add(h.name() + ": not used (MTA-STS enforce: the policy does not list this MX host)");
            } else {
                hosts.add(h);
                notes.add(h.name() + ": not listed by the policy (MTA-STS testing: used anyway, reported)");
            }
        }
        if (hosts.isEmpty()) {
            String why = "the MTA-STS policy of " + lookup.domain() + " (enforce, mx " + String.join(" ", p.mx())
                    + ") allows none of its MX hosts (" + String.join(", ", refused) + ")";
            record(lookup, refused.get(0), Optional.of("validation-failure"), why);
            return new StsDecision(route, notes, Optional.of(why), lookup, tested);
        }
        return new StsDecision(new MailRoute(route.domain(), route.kind(), hosts, route.dnssec()), notes,
                Optional.empty(), lookup, tested);
    }

    private static String key(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The RFC 8460 result type for a session that failed the requirement. */
    static String resultType(SendMailException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("does not match the host name") || m.contains("not valid for")) {
            return "certificate-host-mismatch";
        }
        if (m.contains("expired") || m.contains("not yet valid")) {
            return "certificate-expired";
        }
        if (m.contains("not trusted") || m.contains("no path to a trusted")) {
            return "certificate-not-trusted";
        }
        if (m.contains("does not offer STARTTLS") || m.contains("STARTTLS refused")) {
            return "starttls-not-supported";
        }
        return "validation-failure";
    }

    private void record(StsLookup lookup, String mx, Optional<String> resultType, String detail) {
        if (reports.isEmpty()) {
            return;
        }
        Optional<StsPolicy> p = lookup.policy().map(CachedPolicy::policy);
        TlsSession s = new TlsSession(p.isPresent() ? "sts" : "no-policy-found", lookup.domain(),
                p.map(StsPolicy::lines).orElse(List.of()), p.map(StsPolicy::mx).orElse(List.of()), mx,
                Optional.empty(), resultType, detail.replaceAll("[\\r\\n]+", " "));
        try {
            reports.get().record(clock.instant(), s);
        } catch (IOException | RuntimeException e) {
            problems.accept("TLS report: cannot record a session for " + lookup.domain() + ": " + e.getMessage());
        }
    }

    /** A session under DANE (RFC 8460 policy type {@code tlsa}): the host's TLSA records are the policy. */
    private void recordDane(String domain, MailHost host, TlsRequirement.Dane dane,
                            Optional<SendMailException> failure) {
        if (reports.isEmpty()) {
            return;
        }
        Optional<String> type = failure.map(e -> {
            String t = resultType(e);
            return t.equals("certificate-host-mismatch") || t.equals("starttls-not-supported") ? t
                    : "validation-failure";
        });
        TlsSession s = new TlsSession("tlsa", domain, dane.records().stream().map(Object::toString).toList(),
                List.of(), host.name(), Optional.empty(), type,
                failure.map(e -> String.valueOf(e.getMessage()).replaceAll("[\\r\\n]+", " ")).orElse(""));
        try {
            reports.get().record(clock.instant(), s);
        } catch (IOException | RuntimeException e) {
            problems.accept("TLS report: cannot record a session for " + domain + ": " + e.getMessage());
        }
    }

    /** What the policy decided for one domain. */
    private final class StsDecision implements Decision {
        private final MailRoute route;
        private final List<String> notes;
        private final Optional<String> refusal;
        private final StsLookup lookup;
        private final List<String> tested;

        StsDecision(MailRoute route, List<String> notes, Optional<String> refusal, StsLookup lookup,
                    List<String> tested) {
            this.route = route;
            this.notes = List.copyOf(notes);
            this.refusal = refusal;
            this.lookup = lookup;
            this.tested = List.copyOf(tested);
        }

        @Override
        public MailRoute route() {
            return route;
        }

        @Override
        public List<String> notes() {
            return notes;
        }

        @Override
        public Optional<String> refusal() {
            return refusal;
        }

        @Override
        public boolean reportOnly(MailHost host) {
            return tested.contains(key(host.name())) && host.tlsRequirement() instanceof TlsRequirement.Pkix;
        }

        @Override
        public void sessionResult(MailHost host, Optional<SendMailException> failure) {
            if (host.tlsRequirement() instanceof TlsRequirement.Dane dane) {
                recordDane(lookup.domain(), host, dane, failure);
                return;
            }
            Optional<StsPolicy> p = lookup.policy().map(CachedPolicy::policy);
            if (p.isEmpty() || p.get().mode() == StsMode.NONE) {
                return;
            }
            if (!p.get().allows(host.name())) {
                record(lookup, host.name(), Optional.of("validation-failure"),
                        "the MX host is not listed by the policy");
            } else if (failure.isPresent()) {
                record(lookup, host.name(), Optional.of(resultType(failure.get())), failure.get().getMessage());
            } else if (host.tlsRequirement() instanceof TlsRequirement.Pkix) {
                record(lookup, host.name(), Optional.empty(), "");
            }
        }
    }
}
