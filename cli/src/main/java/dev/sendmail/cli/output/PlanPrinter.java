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
 * {@code --json}; both forms are the api's {@link PlanDescription}.
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
        note("configuration", source);
    }

    /** @param description which OAuth 2 access token AUTH would use (its expiry, never the token) */
    public void oauth2(String description) {
        note("oauth2", description);
    }

    /** The SRV records {@code --server auto} considered, in the order considered, with why any was skipped. */
    public void discovery(SubmissionDiscovery.Result d) {
        print(List.of(PlanDescription.json(d)), PlanDescription.text(d));
    }

    /**
     * A domain's route, or why it has none.
     *
     * @param smartHost true when everything goes through a smart host (a static route is then called that)
     */
    public void plan(Sender.RoutePlan plan, boolean smartHost) {
        print(List.of(PlanDescription.json(plan)), PlanDescription.text(plan, smartHost));
    }

    /** What a probed host said, under the host lines of its plan. */
    public void probe(String domain, ProbeResult r) {
        print(List.of(PlanDescription.json(domain, r)),
                PlanDescription.text(r).stream().map(line -> "     " + line).toList());
    }

    /** A host that could not be probed. */
    public void probeFailed(String domain, MailHost h, SendMailException e) {
        out.println(json ? PlanDescription.json(domain, h, e) : "     " + PlanDescription.text(h, e));
    }

    private void note(String topic, String text) {
        out.println(json ? PlanDescription.noteJson(topic, text) : ControlCharacters.oneLine(topic + ": " + text));
    }

    /** The JSON lines with {@code --json}, else the text lines. */
    private void print(List<String> jsonLines, List<String> textLines) {
        (json ? jsonLines : textLines).forEach(out::println);
    }
}
