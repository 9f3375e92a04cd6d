package dev.sendmail.cli.command;

import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Sender;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.cli.output.ExitCodeMapper;
import dev.sendmail.cli.output.ExitCodes;
import dev.sendmail.cli.output.Json;
import dev.sendmail.cli.output.ReportPrinter;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.ProbeResult;
import dev.sendmail.spi.TranscriptListener;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;


/**
 * {@code --plan}: for each recipient domain, the hosts in the order they would be tried, with their addresses
 * and why (MX preference, implicit MX, address literal, configured route, smart host), or why there is no
 * route (no such domain, null MX, DNS failure). Nothing is sent and no message is read. {@code --probe} also
 * connects to each host and shows its greeting, EHLO capabilities and TLS, then quits.
 */
public final class PlanCommand implements Command {

    private final boolean probe;

    public PlanCommand(boolean probe) {
        this.probe = probe;
    }

    @Override
    public int run(Invocation inv) throws CliException {
        CliConfig c = inv.config();
        List<Mailbox> rcpts = new ArrayList<>(c.envelope().recipients());
        if (rcpts.isEmpty()) {
            throw CliException.usage("--plan needs recipients");
        }
        TranscriptListener listener = inv.trace();
        int code = ExitCodes.OK;
        try (SenderSetup setup = SenderSetup.create(inv, listener, false)) {
            Instant deadline = Instant.now().plus(c.routing().deadline());
            for (Sender.RoutePlan plan : setup.sender().plan(Envelope.nullSender(rcpts))) {
                if (plan.failure().isPresent()) {
                    ResolutionFailedException e = plan.failure().get();
                    code = ExitCodes.worse(code, ExitCodeMapper.forFailure(e));
                    printFailure(inv, plan, e);
                    continue;
                }
                MailRoute route = plan.route().orElseThrow();
                printRoute(inv, plan, route);
                if (probe) {
                    for (MailHost h : route.hosts()) {
                        code = ExitCodes.worse(code, probeHost(inv, setup, plan.domain(), h, deadline));
                    }
                }
            }
        }
        return code;
    }

    private static void printFailure(Invocation inv, Sender.RoutePlan plan, ResolutionFailedException e) {
        String why = switch (e.reason()) {
            case NO_SUCH_DOMAIN -> "no such domain (NXDOMAIN)";
            case NULL_MX -> "null MX: the domain accepts no mail (RFC 7505)";
            case NO_ADDRESS -> "no MX host has an address (temporary)";
            case TEMPORARY -> "DNS failure (temporary)";
            case PERMANENT -> "no route";
        };
        if (inv.config().output().json()) {
            inv.out().println(new Json().field("domain", plan.domain()).raw("recipients", recipients(plan))
                    .field("route", (String) null).field("reason", e.reason().name().toLowerCase(java.util.Locale.ROOT))
                    .field("detail", e.getMessage()));
            return;
        }
        inv.out().println(plan.domain() + ": " + why);
        inv.out().println("  " + ReportPrinter.oneLine(e.getMessage()));
    }

    private static void printRoute(Invocation inv, Sender.RoutePlan plan, MailRoute route) {
        if (inv.config().output().json()) {
            StringBuilder hosts = new StringBuilder("[");
            for (MailHost h : route.hosts()) {
                if (hosts.length() > 1) {
                    hosts.append(',');
                }
                hosts.append(new Json().field("host", h.name())
                        .raw("port", h.port().isPresent() ? Integer.toString(h.port().getAsInt()) : "null")
                        .field("preference", h.preference())
                        .raw("addresses", addressesJson(h.addresses())));
            }
            hosts.append(']');
            inv.out().println(new Json().field("domain", plan.domain()).raw("recipients", recipients(plan))
                    .field("route", route.kind().name().toLowerCase(java.util.Locale.ROOT)).raw("hosts", hosts.toString()));
            return;
        }
        String domain = plan.domain().equals("*") ? "all recipients" : plan.domain();
        inv.out().println(domain + ": " + why(route, inv));
        int i = 1;
        for (MailHost h : route.hosts()) {
            StringBuilder line = new StringBuilder("  ").append(i++).append(". ").append(h.name());
            h.port().ifPresent(p -> line.append(" port ").append(p));
            if (h.preference() >= 0) {
                line.append(" (preference ").append(h.preference()).append(')');
            }
            line.append(": ").append(h.addresses().isEmpty() ? "(addresses looked up when connecting)"
                    : addresses(h.addresses()));
            inv.out().println(ReportPrinter.oneLine(line.toString()));
        }
    }

    private static String why(MailRoute route, Invocation inv) {
        return switch (route.kind()) {
            case MX -> "MX records, by preference (equal preferences in random order)";
            case IMPLICIT_MX -> "no MX record: the domain's own address (implicit MX)";
            case ADDRESS_LITERAL -> "address literal: no DNS";
            case STATIC -> inv.config().routing().smartHost().isPresent() ? "smart host" : "configured route";
            case SRV -> "submission servers from SRV records (RFC 6186), by priority, weighted (RFC 2782)";
        };
    }

    private int probeHost(Invocation inv, SenderSetup setup, String domain, MailHost h, Instant deadline) {
        try {
            ProbeResult r = setup.transport().probe(h, deadline);
            if (inv.config().output().json()) {
                StringBuilder caps = new StringBuilder("[");
                for (String cap : r.capabilities()) {
                    caps.append(caps.length() > 1 ? "," : "").append(Json.quote(cap));
                }
                inv.out().println(new Json().field("probe", r.host()).field("domain", domain)
                        .field("address", r.address()).field("greeting", r.greeting().toString())
                        .raw("capabilities", caps + "]").field("tls_protocol", r.tlsProtocol().orElse(null))
                        .field("tls_cipher", r.tlsCipherSuite().orElse(null))
                        .field("certificate", r.peerCertificate().orElse(null))
                        .field("certificate_problem", r.certificateProblem().orElse(null)));
                return ExitCodes.OK;
            }
            inv.out().println("     probe " + r.host() + " [" + r.address() + "]: " + ReportPrinter.oneLine(r.greeting().toString()));
            for (String cap : r.capabilities()) {
                inv.out().println("       " + ReportPrinter.oneLine(cap));
            }
            if (r.tlsProtocol().isPresent()) {
                inv.out().println("       TLS " + r.tlsProtocol().get() + " " + r.tlsCipherSuite().orElse(""));
            } else {
                inv.out().println("       no TLS");
            }
            r.peerCertificate().ifPresent(p -> inv.out().println("       certificate " + ReportPrinter.oneLine(p)));
            r.certificateProblem().ifPresent(p -> inv.out().println("       certificate problem: " + ReportPrinter.oneLine(p)));
            return ExitCodes.OK;
        } catch (SendMailException e) {
            if (inv.config().output().json()) {
                inv.out().println(new Json().field("probe", h.name()).field("domain", domain)
                        .field("error", e.getMessage()));
            } else {
                inv.out().println("     probe " + h.name() + ": " + ReportPrinter.oneLine(e.getMessage()));
            }
            return ExitCodeMapper.forFailure(e);
        }
    }

    private static String recipients(Sender.RoutePlan plan) {
        StringBuilder sb = new StringBuilder("[");
        for (Mailbox m : plan.recipients()) {
            sb.append(sb.length() > 1 ? "," : "").append(Json.quote(m.displayAddress()));
        }
        return sb + "]";
    }

    private static String addresses(List<InetAddress> list) {
        List<String> s = new ArrayList<>();
        for (InetAddress a : list) {
            s.add(a.getHostAddress());
        }
        return String.join(", ", s);
    }

    private static String addressesJson(List<InetAddress> list) {
        StringBuilder sb = new StringBuilder("[");
        for (InetAddress a : list) {
            sb.append(sb.length() > 1 ? "," : "").append(Json.quote(a.getHostAddress()));
        }
        return sb + "]";
    }

}
