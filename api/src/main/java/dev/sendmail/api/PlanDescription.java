package dev.sendmail.api;

import dev.sendmail.internal.Json;
import dev.sendmail.spi.DnssecStatus;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.ProbeResult;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Sender.RoutePlan} described for people (lines of text) and for programs (one JSON object), as
 * {@code send-mail --plan} shows it: per domain, the hosts in the order they would be tried, with their
 * addresses and why they were chosen, or why there is no route; and what a probe of a host saw
 * ({@code --probe}). Stateless; every method may be called from any thread.
 */
public final class PlanDescription {

    private PlanDescription() {
    }

    /**
     * The plan as text. With a route: the domain and where its hosts came from, the lines of its TLS policy and why
     * no host may be used (when the policy allows none), one numbered line per host (port, MX preference, TLS
     * mode, addresses, and the TLS rule when TLS is required or a policy applies), the TLSA records of each DANE
     * host, and the DNSSEC status when it was checked. Without a route: the domain and why, then the failure's
     * message. Control characters (a server's or the DNS's) are replaced by spaces, so each line stays one line.
     *
     * @param plan the plan of one domain ({@code *} for all recipients of a smart host)
     * @param smartHost true when everything goes through a smart host: a configured route is then called one
     * @return the lines, without line ends
     * @throws java.util.NoSuchElementException when the plan has neither a route nor a failure
     */
    public static List<String> text(Sender.RoutePlan plan, boolean smartHost) {
        List<String> lines = new ArrayList<>();
        if (plan.failure().isPresent()) {
            ResolutionFailedException e = plan.failure().get();
            String why = switch (e.reason()) {
                case NO_SUCH_DOMAIN -> "no such domain (NXDOMAIN)";
                case NULL_MX -> "null MX: the domain accepts no mail (RFC 7505)";
                case NO_ADDRESS -> "no MX host has an address (temporary)";
                case TEMPORARY -> "DNS failure (temporary)";
                case PERMANENT -> "no route";
                case UNSUPPORTED -> "lookup not supported by this resolver";
            };
            lines.add(plan.domain() + ": " + why);
            lines.add("  " + e.getMessage());
            return oneLine(lines);
        }
        MailRoute route = plan.route().orElseThrow();
        String why = switch (route.kind()) {
            case MX -> "MX records, by preference (equal preferences in random order)";
            case IMPLICIT_MX -> "no MX record: the domain's own address (implicit MX)";
            case ADDRESS_LITERAL -> "address literal: no DNS";
            case STATIC -> smartHost ? route.hosts().size() > 1 ? "smart hosts, tried in order" : "smart host"
                    : "configured route";
            case SRV -> "submission servers from SRV records (RFC 6186), by priority, weighted (RFC 2782)";
        };
        lines.add((plan.domain().equals("*") ? "all recipients" : plan.domain()) + ": " + why);
        plan.tlsPolicy().forEach(p -> lines.add("  " + p));
        plan.refusal().ifPresent(r -> lines.add("  no host may be used: " + r + " (mail is deferred)"));
        int i = 1;
        for (MailHost h : route.hosts()) {
            StringBuilder line = new StringBuilder("  ").append(i++).append(". ").append(h.name());
            h.port().ifPresent(p -> line.append(" port ").append(p));
            if (h.preference() >= 0) {
                line.append(" (preference ").append(h.preference()).append(')');
            }
            h.tlsMode().ifPresent(m -> line.append(" (").append(m.cliName()).append(')'));
            line.append(": ").append(h.addresses().isEmpty() ? "(addresses looked up when connecting)"
                    : String.join(", ", addresses(h)));
            if (!plan.tlsPolicy().isEmpty() || h.tlsRequirement().requiresTls()) {
                line.append("; ").append(h.tlsRequirement().rule());
            }
            lines.add(line.toString());
            tlsa(h).forEach(t -> lines.add("       TLSA " + t));
        }
        if (route.dnssec() != DnssecStatus.UNCHECKED) {
            lines.add("  DNSSEC: " + route.dnssec().label() + (route.dnssec() == DnssecStatus.SECURE
                    ? " (TLSA looked up for hosts whose addresses are secure too)" : " (no DANE)"));
        }
        return oneLine(lines);
    }

    /**
     * The plan as one JSON object (RFC 8259) without line breaks. Its fields: {@code domain}; {@code dnssec}
     * when it was checked; {@code recipients} (an array of addresses); {@code route} ({@code mx},
     * {@code implicit_mx}, {@code address_literal}, {@code static} or {@code srv}; null without a route). Without
     * a route, then {@code reason} (the {@link ResolutionFailedException.Reason} in lower case) and
     * {@code detail}. With one, {@code hosts}, each with {@code host}, {@code port} (null for the transport's
     * default), {@code preference} (-1 when not from MX), {@code tlsa} (DANE hosts), {@code tls} (a host's own
     * TLS mode), {@code tls_rule} (when TLS is required or a policy applies) and {@code addresses}; then, with a
     * TLS policy, {@code tls_policy} (its lines) and {@code refusal} (why no host may be used, or null).
     *
     * @param plan the plan of one domain
     * @return the object
     * @throws java.util.NoSuchElementException when the plan has neither a route nor a failure
     */
    public static String json(Sender.RoutePlan plan) {
        String recipients = Json.strings(plan.recipients().stream().map(Mailbox::displayAddress).toList());
        if (plan.failure().isPresent()) {
            ResolutionFailedException e = plan.failure().get();
            return new Json().field("domain", plan.domain()).raw("recipients", recipients)
                    .field("route", (String) null).field("reason", e.reason().name().toLowerCase(Locale.ROOT))
                    .field("detail", e.getMessage()).toString();
        }
        MailRoute route = plan.route().orElseThrow();
        List<String> hosts = route.hosts().stream().map(h -> {
            Json j = new Json().field("host", h.name())
                    .raw("port", h.port().isPresent() ? Integer.toString(h.port().getAsInt()) : "null")
                    .field("preference", h.preference());
            if (!tlsa(h).isEmpty()) {
                j.raw("tlsa", Json.strings(tlsa(h)));
            }
            // only hosts found through SRV, and smart hosts whose port implies another mode, have their own
            h.tlsMode().ifPresent(m -> j.field("tls", m.cliName()));
            if (!plan.tlsPolicy().isEmpty() || h.tlsRequirement().requiresTls()) {
                j.field("tls_rule", h.tlsRequirement().rule());
            }
            return j.raw("addresses", Json.strings(addresses(h))).toString();
        }).toList();
        Json line = new Json().field("domain", plan.domain());
        if (route.dnssec() != DnssecStatus.UNCHECKED) {
            line.field("dnssec", route.dnssec().label());
        }
        line.raw("recipients", recipients).field("route", route.kind().name().toLowerCase(Locale.ROOT))
                .raw("hosts", "[" + String.join(",", hosts) + "]");
        if (!plan.tlsPolicy().isEmpty()) {
            line.raw("tls_policy", Json.strings(plan.tlsPolicy())).field("refusal", plan.refusal().orElse(null));
        }
        return line.toString();
    }

    /**
     * What a probe of one host saw ({@code --probe}), as text: {@code probe HOST [ADDRESS]: GREETING}, then
     * indented by two spaces each EHLO capability, the TLS protocol and cipher suite (or {@code no TLS}), the
     * server certificate and why it would not be trusted; for a probe that failed, one line
     * {@code probe HOST: MESSAGE}. Every line is indented by five spaces, to stand under the host lines of its
     * plan ({@link #text(Sender.RoutePlan, boolean)}). Control characters are replaced by spaces.
     *
     * @param probe the probe of one host
     * @return the lines, without line ends
     */
    public static List<String> text(HostProbe probe) {
        return oneLine(probeLines(probe)).stream().map(line -> "     " + line).toList();
    }

    private static List<String> probeLines(HostProbe probe) {
        if (probe.failure().isPresent()) {
            return List.of("probe " + probe.host().name() + ": " + probe.failure().get().getMessage());
        }
        ProbeResult r = probe.result().orElseThrow();
        List<String> lines = new ArrayList<>();
        lines.add("probe " + r.host() + " [" + r.address() + "]: " + r.greeting());
        r.capabilities().forEach(c -> lines.add("  " + c));
        lines.add(r.tlsProtocol().map(p -> "  TLS " + p + " " + r.tlsCipherSuite().orElse("")).orElse("  no TLS"));
        r.peerCertificate().ifPresent(c -> lines.add("  certificate " + c));
        r.certificateProblem().ifPresent(c -> lines.add("  certificate problem: " + c));
        return lines;
    }

    /**
     * What a probe of one host saw, as one JSON object: {@code probe} (the host), {@code domain}, {@code address},
     * {@code greeting}, {@code capabilities} (an array), {@code tls_protocol}, {@code tls_cipher},
     * {@code certificate} and {@code certificate_problem} (each null when absent); for a probe that failed,
     * {@code probe}, {@code domain} and {@code error} (the failure's message).
     *
     * @param probe the probe of one host
     * @return the object
     */
    public static String json(HostProbe probe) {
        if (probe.failure().isPresent()) {
            return new Json().field("probe", probe.host().name()).field("domain", probe.domain())
                    .field("error", probe.failure().get().getMessage()).toString();
        }
        ProbeResult r = probe.result().orElseThrow();
        return new Json().field("probe", r.host()).field("domain", probe.domain()).field("address", r.address())
                .field("greeting", r.greeting().toString())
                .raw("capabilities", Json.strings(r.capabilities()))
                .field("tls_protocol", r.tlsProtocol().orElse(null))
                .field("tls_cipher", r.tlsCipherSuite().orElse(null))
                .field("certificate", r.peerCertificate().orElse(null))
                .field("certificate_problem", r.certificateProblem().orElse(null)).toString();
    }

    /**
     * The SRV records a discovery of submission servers considered ({@link SubmissionDiscovery}), as text: a
     * heading naming the domain, then indented by two spaces each record in the order considered (with why it was
     * skipped, if it was) and each lookup that failed. Control characters are replaced by spaces.
     *
     * @param discovery what {@link SubmissionDiscovery#discover} found
     * @return the lines, without line ends
     */
    public static List<String> text(SubmissionDiscovery.Result discovery) {
        List<String> lines = new ArrayList<>();
        lines.add("submission servers of " + discovery.domain() + " (SRV records, RFC 6186 and RFC 8314):");
        discovery.candidates().forEach(c -> lines.add("  " + c));
        discovery.problems().forEach(p -> lines.add("  " + p));
        return oneLine(lines);
    }

    /**
     * The SRV records a discovery of submission servers considered, as one JSON object: {@code domain} and
     * {@code srv}, an array of the records in the order considered, each with {@code name} (the name looked up),
     * {@code priority}, {@code weight}, {@code port}, {@code target}, {@code tls} (the mode its service implies)
     * and {@code skipped} (why it is not used, or null). Failed lookups are not in it.
     *
     * @param discovery what {@link SubmissionDiscovery#discover} found
     * @return the object
     */
    public static String json(SubmissionDiscovery.Result discovery) {
        List<String> records = discovery.candidates().stream().map(c -> new Json().field("name", c.name())
                .field("priority", c.record().priority()).field("weight", c.record().weight())
                .field("port", c.record().port()).field("target", c.record().target())
                .field("tls", c.tlsMode().cliName()).field("skipped", c.skipped().orElse(null)).toString()).toList();
        return new Json().field("domain", discovery.domain()).raw("srv", "[" + String.join(",", records) + "]")
                .toString();
    }

    /**
     * A note on how a plan was made, as one JSON object of one field, such as {@code {"configuration":"FILE"}}
     * for the configuration file read or {@code {"oauth2":"..."}} for the OAuth 2 token AUTH would use;
     * {@code send-mail --plan} prints it as {@code TOPIC: TEXT}.
     *
     * @param topic what the note is about: the field's name
     * @param text the note
     * @return the object
     */
    public static String noteJson(String topic, String text) {
        return new Json().field(topic, text).toString();
    }

    /** The TLSA records that authenticate a DANE host, in presentation form; none for other hosts. */
    private static List<String> tlsa(MailHost h) {
        return h.tlsRequirement() instanceof TlsRequirement.Dane d
                ? d.records().stream().map(TlsaRecord::toString).toList() : List.of();
    }

    private static List<String> addresses(MailHost h) {
        return h.addresses().stream().map(InetAddress::getHostAddress).toList();
    }

    private static List<String> oneLine(List<String> lines) {
        return lines.stream().map(ControlCharacters::oneLine).toList();
    }
}
