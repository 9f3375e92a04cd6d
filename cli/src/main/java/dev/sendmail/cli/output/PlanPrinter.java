package dev.sendmail.cli.output;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.PlanDescription;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Sender;
import dev.sendmail.api.SubmissionDiscovery;
import dev.sendmail.spi.ProbeResult;
import java.io.PrintStream;
import java.util.List;

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

    /** @param source the configuration file read */
    public void configuration(String source) {
        print(new Json().field("configuration", source), "configuration: " + source);
    }

    /** @param description which OAuth 2 access token AUTH would use (its expiry, never the token) */
    public void oauth2(String description) {
        print(new Json().field("oauth2", description), "oauth2: " + description);
    }

    /** The SRV records {@code --server auto} considered, in the order considered, with why any was skipped. */
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
            out.println(ControlCharacters.oneLine("  " + c));
        }
        for (String p : d.problems()) {
            out.println(ControlCharacters.oneLine("  " + p));
        }
    }

    /**
     * A domain's route, or why it has none ({@link PlanDescription}).
     *
     * @param smartHost true when everything goes through a smart host (a static route is then called that)
     */
    public void plan(Sender.RoutePlan plan, boolean smartHost) {
        if (json) {
            out.println(PlanDescription.json(plan));
        } else {
            PlanDescription.text(plan, smartHost).forEach(out::println);
        }
    }

    /** What a probed host said ({@link PlanDescription}), under the host lines of its plan. */
    public void probe(String domain, ProbeResult r) {
        if (json) {
            out.println(PlanDescription.json(domain, r));
        } else {
            PlanDescription.text(r).forEach(line -> out.println("     " + line));
        }
    }

    /** A host that could not be probed. */
    public void probeFailed(String domain, MailHost h, SendMailException e) {
        print(new Json().field("probe", h.name()).field("domain", domain).field("error", e.getMessage()),
                "     probe " + h.name() + ": " + e.getMessage());
    }

    /** One line: the object with {@code --json}, else the text with any control character made a space. */
    private void print(Json object, String text) {
        out.println(json ? object.toString() : ControlCharacters.oneLine(text));
    }
}
