package dev.sendmail.cli.command;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.HeaderBlock;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Message;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.batch.BatchItem;
import dev.sendmail.batch.Lanes;
import dev.sendmail.batch.MessageBatch;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.options.ValueChecks;
import dev.sendmail.cli.output.BatchProgress;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.internal.Json;
import dev.sendmail.cli.output.ReportPrinter;
import dev.sendmail.dkim.DkimException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code --batch PATH}: sends every message of a directory of {@code .eml} files, a Maildir or an mbox file
 * through one {@link dev.sendmail.api.Sender}: pooled connections, {@code --concurrency} lanes at once planned
 * per destination by {@link Lanes}, the queue when one is configured. A message that cannot be read or addressed
 * is reported and skipped; the files are never changed, so whatever was not delivered is still there.
 */
public final class BatchCommand implements Command {

    private final Path path;
    private final int concurrency;

    /**
     * @param path the directory or mbox file
     * @param concurrency messages in flight at once, and connections per destination at most
     */
    public BatchCommand(Path path, int concurrency) {
        this.path = path;
        this.concurrency = concurrency;
    }

    /** One message ready to send. */
    private record Entry(String name, Message message) {
    }

    @Override
    public int run(Invocation inv) throws CliException {
        CliConfig c = inv.config();
        if (!c.envelope().recipients().isEmpty()) {
            throw CliException.usage("--batch takes the recipients from each message; give no recipient arguments");
        }
        if (c.compose().isRequested()) {
            throw CliException.usage("--batch sends finished messages; the compose options do not apply");
        }
        MessageBatch batch;
        try {
            batch = MessageBatch.open(path);
        } catch (NoSuchFileException e) {
            throw CliException.noInput("--batch " + ValueChecks.printable(path.toString())
                    + ": no such file or directory");
        } catch (IOException e) {
            throw CliException.noInput("--batch " + ValueChecks.printable(path.toString()) + ": " + e.getMessage());
        }
        inv.note("batch " + path + ": " + batch.items().size() + " message(s), " + batch.kind().name()
                .toLowerCase(java.util.Locale.ROOT));
        if (!batch.ignored().isEmpty()) {
            inv.note("batch " + path + ": " + batch.ignored().size() + " file(s) not named *.eml passed over");
        }
        Tally tally = new Tally();
        BatchProgress progress = BatchProgress.create(inv.err(), BatchProgress.shows(inv.env().stdoutIsTerminal(),
                inv.env().stderrIsTerminal(), c.output().quiet(), c.output().trace()), batch.items().size());
        List<Entry> entries = read(inv, batch, tally, progress);
        try (SenderSetup setup = SenderSetup.create(inv, inv.trace(), true, Optional.empty(),
                Optional.of(concurrency))) {
            boolean relays = c.routing().relays() || c.routing().discoverSubmission();
            Function<Entry, String> destination = e -> relays ? "*"
                    : e.message().envelope().recipients().get(0).domain();
            List<List<Entry>> lanes = Lanes.plan(entries, destination, concurrency);
            inv.note("batch: " + entries.size() + " message(s) in " + lanes.size() + " lane(s), " + concurrency
                    + " at once");
            try {
                Lanes.run(lanes, concurrency, e -> send(inv, setup, e, tally, progress));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.TEMP_FAIL, "interrupted; the messages not reported as sent are "
                        + "still in " + path);
            } finally {
                progress.clear();
            }
        }
        return summary(inv, tally);
    }

    /** Reads every envelope first (the lanes need them); a message that cannot be read is reported and skipped. */
    private List<Entry> read(Invocation inv, MessageBatch batch, Tally tally, BatchProgress progress) {
        CliConfig c = inv.config();
        Function<String, List<Mailbox>> localNames = name -> c.envelope().aliases().expand(name)
                .orElseThrow(() -> new IllegalArgumentException(ValueChecks.printable(name) + " has no domain"));
        List<Entry> entries = new ArrayList<>(batch.items().size());
        for (BatchItem item : batch.items()) {
            try {
                Message m = item.message(localNames);
                if (c.envelope().nullSender() || c.envelope().from().isPresent()) {
                    // -f names the envelope sender of every message (bounces go there)
                    m = Message.of(new Envelope(c.envelope().nullSender() ? Optional.empty() : c.envelope().from(),
                            m.envelope().recipients()), m.content());
                }
                entries.add(new Entry(item.name(), m));
            } catch (IOException | IllegalArgumentException e) {
                String why = "cannot read: " + e.getMessage();
                tally.bad(ExitCodes.DATA_ERROR);
                progress.done(false);
                report(inv, item.name(), "bad", ExitCodes.DATA_ERROR, null, why, null);
            }
        }
        return entries;
    }

    private void send(Invocation inv, SenderSetup setup, Entry e, Tally tally, BatchProgress progress) {
        CliConfig c = inv.config();
        DeliveryReport report;
        Optional<String> queuedAs = Optional.empty();
        try {
            MessageContent content = signed(inv, e.message());
            if (c.queue().dir().isPresent()) {
                QueuedDelivery d = QueuedDelivery.deliver(inv, setup.sender(), e.message().envelope(), content,
                        c.envelope().options());
                report = d.report();
                queuedAs = d.queuedAs();
            } else {
                report = setup.sender().send(e.message().envelope(), content, c.envelope().options());
            }
        } catch (IOException ex) {
            failed(inv, e, ExitCodes.IO_ERROR, "cannot read: " + ex.getMessage(), tally, progress);
            return;
        } catch (CliException ex) {
            failed(inv, e, ex.exitCode(), ex.getMessage(), tally, progress);
            return;
        }
        int code = ExitCodes.forReport(report);
        String status;
        if (report.allDelivered()) {
            status = "delivered";
        } else if (!report.failed().isEmpty()) {
            status = "failed";
        } else if (queuedAs.isPresent()) {
            status = "queued";
            code = ExitCodes.OK;
        } else {
            status = "deferred";
        }
        tally.add(status, code);
        progress.done(code == ExitCodes.OK);
        String detail = null;
        for (RecipientOutcome o : report.outcomes()) {
            if (!o.isDelivered()) {
                detail = o.recipient().displayAddress() + ": " + o.detail();
                break;
            }
        }
        report(inv, e.name(), status, code, e.message().envelope(), detail, queuedAs.orElse(null));
        if (!c.output().quiet() && !report.allDelivered()) {
            synchronized (inv.err()) {
                progress.clear();
                inv.err().println("send-mail: " + ReportPrinter.oneLine(e.name() + ": " + status
                        + (detail != null ? ": " + detail : "")));
            }
        }
    }

    /** A message that was not sent because of a problem of its own or of the queue: reported, and on stderr. */
    private static void failed(Invocation inv, Entry e, int code, String detail, Tally tally, BatchProgress progress) {
        tally.add("failed", code);
        progress.done(false);
        report(inv, e.name(), "failed", code, e.message().envelope(), detail, null);
        if (!inv.config().output().quiet()) {
            synchronized (inv.err()) {
                progress.clear();
                inv.err().println("send-mail: " + ReportPrinter.oneLine(e.name() + ": failed: " + detail));
            }
        }
    }

    /**
     * The content to send: signed with the DKIM key(s) as a single send signs (the From field's domain unless
     * {@code --dkim-domain}), streamed from the file; unsigned without a key, or when the envelope sender selects
     * another account, whose own key then signs (a sender route).
     */
    private static MessageContent signed(Invocation inv, Message m) throws CliException, IOException {
        CliConfig c = inv.config();
        if (!c.dkim().enabled() || SenderRoutes.accountFor(inv, m.envelope().sender()).isPresent()) {
            return m.content();
        }
        try {
            return c.dkim().sign(m.content(), HeaderBlock.readSingleFrom(m.content()), inv.env().clock());
        } catch (DkimException e) {
            throw CliException.data(e.getMessage());
        }
    }

    private static void report(Invocation inv, String name, String status, int code, Envelope envelope,
                               String detail, String queueId) {
        if (!inv.config().output().json()) {
            if (status.equals("bad") && !inv.config().output().quiet()) {
                inv.err().println("send-mail: " + ReportPrinter.oneLine(name + ": skipped: " + detail));
            }
            return;
        }
        Json j = new Json().field("message", name).field("status", status).field("exit_code", code);
        if (envelope != null) {
            j.field("recipients", envelope.recipients().size());
        }
        if (queueId != null) {
            j.field("queue_id", queueId);
        }
        j.field("detail", detail);
        synchronized (inv.out()) {
            inv.out().println(j);
        }
    }

    private int summary(Invocation inv, Tally t) {
        String line = "batch " + path + ": " + t.delivered + " delivered, " + t.queued + " queued, " + t.deferred
                + " deferred, " + t.failed + " failed, " + t.bad + " unreadable and skipped";
        if (t.code != ExitCodes.OK) {
            line += "; the messages not delivered are still in " + path;
        }
        if (!inv.config().output().quiet()) {
            inv.err().println("send-mail: " + ReportPrinter.oneLine(line));
        }
        return t.code;
    }

    /** What happened so far, shared by the lanes. */
    private static final class Tally {
        private int delivered;
        private int queued;
        private int deferred;
        private int failed;
        private int bad;
        private int code = ExitCodes.OK;

        synchronized void add(String status, int exitCode) {
            switch (status) {
                case "delivered" -> delivered++;
                case "queued" -> queued++;
                case "deferred" -> deferred++;
                default -> failed++;
            }
            code = ExitCodes.worse(code, exitCode);
        }

        synchronized void bad(int exitCode) {
            bad++;
            code = ExitCodes.worse(code, exitCode);
        }
    }
}
