package dev.sendmail.cli.output;

import dev.sendmail.internal.Json;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Sender;
import dev.sendmail.api.SubmissionDiscovery;
import dev.sendmail.api.TlsRequirement;
import dev.sendmail.api.TlsaRecord;
import dev.sendmail.spi.DnssecStatus;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.ProbeResult;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * Prints {@code --plan} and {@code --probe} results on stdout: per domain, the hosts in order with why, or why
 * there is no route; per probed host, its greeting, capabilities and TLS. As text, or one JSON object a line with
 * {@code --json}.
 */
public final class PlanPrinter {

    private final PrintStream out;
    private final boolean json;

    /**
     * @param out where to print
     * @param json one JSON object a line instead of text
     */
    public PlanPrinter(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** The SRV records {@code --server auto} considered, in the order considered, with why any was skipped. */
    /** @param source the configuration file read */
    public void configuration(String source) {
        if (json) {
            out.println(new Json().field("configuration", source));
        } else {
            out.println(ReportPrinter.oneLine("configuration: " + source));
        }
    }

    /** @param description which OAuth 2 access token AUTH would use (its expiry, never the token) */
    public void oauth2(String description) {
        if (json) {
            out.println(new Json().field("oauth2", description));
        } else {
            out.println(ReportPrinter.oneLine("oauth2: " + description));
        }
    }

    public void discovery(SubmissionDiscovery.Result d) {
        if (json) {
            List<String> records = d.candidates().stream().map(c -> new Json().field("name", c.name())
                    .field("priority", c.record().priority()).field("weight", c.record().weight())
                    .field("port", c.record().port()).field("target", c.record().target())
                    .field("tls", c.tlsMode().cliName()).field("skipped", c.skipped().orElse(null)).toString())
                    .toList();
            out.println(new Json().field("domain", d.domain()).raw("srv", "[" + String.join(",", records) + "]"));
            return;
        }
        out.println("submission servers of " + d.domain() + " (SRV records, RFC 6186 and RFC 8314):");
        for (SubmissionDiscovery.Candidate c : d.candidates()) {
            out.println(ReportPrinter.oneLine("  " + c));
        }
        for (String p : d.problems()) {
            out.println(ReportPrinter.oneLine("  " + p));
        }
    }

    /** A domain without a route. */
    public void failure(Sender.RoutePlan plan, ResolutionFailedException e) {
        if (json) {
            out.println(new Json().field("domain", plan.domain()).raw("recipients", recipients(plan))
                    .field("route", (String) null).field("reason", e.reason().name().toLowerCase(Locale.ROOT))
                    .field("detail", e.getMessage()));
            return;
        }
        String why = switch (e.reason()) {
            case NO_SUCH_DOMAIN -> "no such domain (NXDOMAIN)";
            case NULL_MX -> "null MX: the domain accepts no mail (RFC 7505)";
            case NO_ADDRESS -> "no MX host has an address (temporary)";
            case TEMPORARY -> "DNS failure (temporary)";
            case PERMANENT -> "no route";
            case UNSUPPORTED -> "lookup not supported by this resolver";
        };
        out.println(plan.domain() + ": " + why);
        out.println("  " + ReportPrinter.oneLine(e.getMessage()));
    }

    /**
     * A domain's route.
     *
     * @param smartHost true when everything goes through a smart host (a static route is then called that)
     */
    public void route(Sender.RoutePlan plan, MailRoute route, boolean smartHost) {
        if (json) {
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
            line.raw("recipients", recipients(plan))
                    .field("route", route.kind().name().toLowerCase(Locale.ROOT))
                    .raw("hosts", "[" + String.join(",", hosts) + "]");
            if (!plan.tlsPolicy().isEmpty()) {
                line.raw("tls_policy", Json.strings(plan.tlsPolicy())).field("refusal", plan.refusal().orElse(null));
            }
            out.println(line);
            return;
        }
        String domain = plan.domain().equals("*") ? "all recipients" : plan.domain();
        String why = switch (route.kind()) {
            case MX -> "MX records, by preference (equal preferences in random order)";
            case IMPLICIT_MX -> "no MX record: the domain's own address (implicit MX)";
            case ADDRESS_LITERAL -> "address literal: no DNS";
            case STATIC -> smartHost ? route.hosts().size() > 1 ? "smart hosts, tried in order" : "smart host"
                    : "configured route";
            case SRV -> "submission servers from SRV records (RFC 6186), by priority, weighted (RFC 2782)";
        };
        out.println(domain + ": " + why);
        for (String p : plan.tlsPolicy()) {
            out.println(ReportPrinter.oneLine("  " + p));
        }
        plan.refusal().ifPresent(r -> out.println(ReportPrinter.oneLine("  no host may be used: " + r
                + " (mail is deferred)")));
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
            out.println(ReportPrinter.oneLine(line.toString()));
            for (String t : tlsa(h)) {
                out.println("       TLSA " + t);
            }
        }
        if (route.dnssec() != DnssecStatus.UNCHECKED) {
            out.println("  DNSSEC: " + route.dnssec().label() + (route.dnssec() == DnssecStatus.SECURE
                    ? " (TLSA looked up for hosts whose addresses are secure too)" : " (no DANE)"));
        }
    }

    /** The TLSA records that authenticate a DANE host, in presentation form; none for other hosts. */
    private static List<String> tlsa(MailHost h) {
        return h.tlsRequirement() instanceof TlsRequirement.Dane d
                ? d.records().stream().map(TlsaRecord::toString).toList() : List.of();
    }

    /** What a probed host said. */
    public void probe(String domain, ProbeResult r) {
        if (json) {
            out.println(new Json().field("probe", r.host()).field("domain", domain)
                    .field("address", r.address()).field("greeting", r.greeting().toString())
                    .raw("capabilities", Json.strings(r.capabilities()))
                    .field("tls_protocol", r.tlsProtocol().orElse(null))
                    .field("tls_cipher", r.tlsCipherSuite().orElse(null))
                    .field("certificate", r.peerCertificate().orElse(null))
                    .field("certificate_problem", r.certificateProblem().orElse(null)));
            return;
        }
        out.println("     probe " + r.host() + " [" + r.address() + "]: "
                + ReportPrinter.oneLine(r.greeting().toString()));
        for (String cap : r.capabilities()) {
            out.println("       " + ReportPrinter.oneLine(cap));
        }
        if (r.tlsProtocol().isPresent()) {
            out.println("       TLS " + r.tlsProtocol().get() + " " + r.tlsCipherSuite().orElse(""));
        } else {
            out.println("       no TLS");
        }
        r.peerCertificate().ifPresent(p -> out.println("       certificate " + ReportPrinter.oneLine(p)));
        r.certificateProblem()
                .ifPresent(p -> out.println("       certificate problem: " + ReportPrinter.oneLine(p)));
    }

    /** A host that could not be probed. */
    public void probeFailed(String domain, MailHost h, SendMailException e) {
        if (json) {
            out.println(new Json().field("probe", h.name()).field("domain", domain).field("error", e.getMessage()));
        } else {
            out.println("     probe " + h.name() + ": " + ReportPrinter.oneLine(e.getMessage()));
        }
    }

    private static String recipients(Sender.RoutePlan plan) {
        return Json.strings(plan.recipients().stream().map(Mailbox::displayAddress).toList());
    }

    private static List<String> addresses(MailHost h) {
        return h.addresses().stream().map(InetAddress::getHostAddress).toList();
    }

    /** {@code --check-sender} and the sender section of {@code --plan}: one line per finding. */
    public void senderCheck(dev.sendmail.api.Mailbox from, dev.sendmail.dmarc.SenderCheck.Report report) {
        if (json) {
            for (dev.sendmail.dmarc.SenderCheck.Finding f : report.findings()) {
                out.println(new Json().field("sender", from.address()).field("check", f.topic())
                        .field("verdict", f.verdict().name().toLowerCase(java.util.Locale.ROOT))
                        .field("line", f.line()));
            }
            return;
        }
        out.println(ReportPrinter.oneLine("sender " + from.address() + " (SPF, DKIM, DMARC in DNS):"));
        for (dev.sendmail.dmarc.SenderCheck.Finding f : report.findings()) {
            out.println(ReportPrinter.oneLine("  " + f));
        }
    }

    /** The sender section of {@code --plan} when its lookups failed. */
    public void senderCheckFailed(dev.sendmail.api.Mailbox from, String why) {
        if (json) {
            out.println(new Json().field("sender", from.address()).field("error", why));
            return;
        }
        out.println(ReportPrinter.oneLine("sender " + from.address() + ": not checked: " + why));
    }

    /** {@code --probe} with DKIM keys: whether the published key record matches, one line per key. */
    public void dkimCheck(dev.sendmail.dkim.DkimKeyCheck check) {
        if (json) {
            out.println(new Json().field("dkim", check.name())
                    .field("outcome", check.outcome().name().toLowerCase(Locale.ROOT)).field("detail", check.detail()));
            return;
        }
        out.println(ReportPrinter.oneLine("dkim " + check));
    }

    /** {@code --probe} with DKIM keys, when the key record could not be checked. */
    public void dkimCheckFailed(String name, String why) {
        if (json) {
            out.println(new Json().field("dkim", name).field("error", why));
            return;
        }
        out.println(ReportPrinter.oneLine("dkim " + name + ": not checked: " + why));
    }
}
