package dev.sendmail.api;

import dev.sendmail.api.ResolutionFailedException.Reason;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.SrvRecord;
import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Finds the submission servers of a mail domain from SRV records (RFC 6186, with RFC 8314's implicit TLS):
 * {@code _submissions._tcp.DOMAIN} (implicit TLS) and {@code _submission._tcp.DOMAIN} (STARTTLS). The records of
 * both are tried by ascending priority, implicit TLS first at equal priority, each service's records in the
 * resolver's RFC 2782 order. Each host carries the TLS mode of its service.
 *
 * <p>Not every record is used: a target {@code .} means the service is not offered; a target without addresses
 * cannot be reached; and a target outside the domain is skipped (RFC 6186 section 6: DNS without DNSSEC can be
 * forged, and the certificate would then be checked against the attacker's name). Name such a host explicitly to
 * use it.
 */
public final class SubmissionDiscovery {

    /** The service label for implicit TLS (RFC 8314). */
    public static final String IMPLICIT_TLS_SERVICE = "_submissions._tcp";
    /** The service label for STARTTLS (RFC 6186). */
    public static final String STARTTLS_SERVICE = "_submission._tcp";

    private SubmissionDiscovery() {
    }

    /**
     * One SRV record considered.
     *
     * @param name the name looked up, such as {@code _submissions._tcp.example.org}
     * @param record the record
     * @param tlsMode the TLS mode its service implies
     * @param skipped why it is not used, when it is not
     */
    public record Candidate(String name, SrvRecord record, TlsMode tlsMode, Optional<String> skipped) {

        /** {@code _submission._tcp.example.org SRV 10 5 587 mail.example.org (starttls)}. */
        @Override
        public String toString() {
            return name + " SRV " + record + " (" + tlsMode.cliName() + ")" + skipped.map(s -> ": skipped, " + s)
                    .orElse("");
        }
    }

    /**
     * What was found.
     *
     * @param domain the domain (A-labels)
     * @param candidates every record of both services, in the order considered
     * @param route the hosts to try, in order, each with its TLS mode and addresses
     * @param problems lookups that failed without stopping the discovery (one line each)
     */
    public record Result(String domain, List<Candidate> candidates, MailRoute route, List<String> problems) {

        /**
         * Checks the components; collections are copied.
         *
         * @param domain the domain (A-labels)
         * @param candidates every record of both services, in the order considered
         * @param route the hosts to try, in order, each with its TLS mode and addresses
         * @param problems lookups that failed without stopping the discovery (one line each)
         */
        public Result {
            candidates = List.copyOf(candidates);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Looks up both services of {@code domain}.
     *
     * @throws ResolutionFailedException {@link Reason#NO_SUCH_DOMAIN} when no usable record exists, naming the
     *         records looked up and why each gave nothing; {@link Reason#TEMPORARY} when a lookup failed for a
     *         reason that may pass and nothing usable was found
     * @param resolver the resolver for SRV and address lookups
     * @param domain the domain
     * @return the records considered and the route
     */
    public static Result discover(Resolver resolver, String domain) throws ResolutionFailedException {
        String d = ascii(domain);
        List<Candidate> candidates = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> nothing = new ArrayList<>();
        ResolutionFailedException transientFailure = null;
        for (String service : List.of(IMPLICIT_TLS_SERVICE, STARTTLS_SERVICE)) {
            String name = service + "." + d;
            TlsMode mode = service.equals(IMPLICIT_TLS_SERVICE) ? TlsMode.SMTPS : TlsMode.STARTTLS;
            List<SrvRecord> records;
            try {
                records = resolver.srv(name);
            } catch (ResolutionFailedException e) {
                if (e.reason() == Reason.NO_SUCH_DOMAIN) {
                    nothing.add(name + ": no such name");
                    continue;
                }
                problems.add(e.getMessage());
                nothing.add(e.getMessage());
                if (e.isTransient()) {
                    transientFailure = e;
                }
                continue;
            }
            if (records.isEmpty()) {
                nothing.add(name + ": no SRV record");
            }
            for (SrvRecord r : records) {
                candidates.add(new Candidate(name, r, mode, skipReason(r, d)));
            }
        }
        // stable: each service keeps the resolver's RFC 2782 order; implicit TLS first at equal priority
        candidates.sort(java.util.Comparator.comparingInt(c -> c.record().priority()));
        List<MailHost> hosts = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.skipped().isEmpty()) {
                SrvRecord r = c.record();
                hosts.add(new MailHost(r.target(), OptionalInt.of(r.port()), r.addresses(), -1,
                        Optional.of(c.tlsMode())));
            }
        }
        if (hosts.isEmpty()) {
            for (Candidate c : candidates) {
                nothing.add(c.toString());
            }
            String what = "no submission server found (SRV, RFC 6186): " + String.join("; ", nothing);
            if (transientFailure != null) {
                throw new ResolutionFailedException(d, Reason.TEMPORARY, what, transientFailure);
            }
            throw new ResolutionFailedException(d, Reason.NO_SUCH_DOMAIN, what, null);
        }
        return new Result(d, candidates, new MailRoute(d, MailRoute.Kind.SRV, hosts), problems);
    }

    private static Optional<String> skipReason(SrvRecord r, String domain) {
        if (r.isNoService()) {
            return Optional.of("the service is not offered (target .)");
        }
        if (r.port() == 0) {
            return Optional.of("port 0");
        }
        String t = r.target().toLowerCase(Locale.ROOT);
        if (!t.equals(domain) && !t.endsWith("." + domain)) {
            return Optional.of("the target is outside " + domain + " (RFC 6186 section 6); name the host"
                    + " explicitly to use it");
        }
        if (r.addresses().isEmpty()) {
            return Optional.of("the target has no address");
        }
        return Optional.empty();
    }

    private static String ascii(String domain) throws ResolutionFailedException {
        String d = domain == null ? "" : domain.strip();
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        try {
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            d = "";
        }
        if (d.isEmpty() || !EtrnNode.isDomain(d)) {
            throw new ResolutionFailedException(domain == null ? "" : domain, Reason.PERMANENT,
                    "not a domain name to look up SRV records for", null);
        }
        return d;
    }
}
