package dev.sendmail.cli.command;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.HeaderBlock;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Sender;
import dev.sendmail.batch.BatchMessage;
import dev.sendmail.batch.BatchPlan;
import dev.sendmail.batch.BatchResult;
import dev.sendmail.batch.BatchTally;
import dev.sendmail.batch.MessageBatch;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.cli.output.Progress;
import dev.sendmail.config.ConfigException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.local.SendmailDelivery;
import dev.sendmail.queue.FirstAttempt;
import dev.sendmail.local.SubmissionException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code --batch PATH}: sends every message of a directory of {@code .eml} files, a Maildir or an mbox file
 * through one {@link dev.sendmail.api.Sender}: pooled connections, {@code --concurrency} lanes at once planned
 * per destination by {@link BatchPlan}, the queue when one is configured. A message that cannot be read or
 * addressed is reported and skipped; the files are never changed, so whatever was not delivered is still there.
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

    @Override
    public int run(Invocation inv) throws CliException, ConfigException, SendMailException, SubmissionException {
        CliConfig c = inv.config();
        if (!c.envelope().to().mailboxes().isEmpty()) {
            throw CliException.usage("--batch takes the recipients from each message; give no recipient arguments");
        }
        if (c.compose().isPresent()) {
            throw CliException.usage("--batch sends finished messages; the compose options do not apply");
        }
        MessageBatch batch;
        try {
            batch = MessageBatch.open(path);
        } catch (IOException e) {
            throw CliException.noInput("--batch " + ControlCharacters.escape(path.toString()) + ": "
                    + (e instanceof NoSuchFileException ? "no such file or directory" : e.getMessage()));
        }
        batch.description().forEach(line -> inv.note("batch " + path + ": " + line));
        Run run = new Run(inv, Progress.forBatch(inv.err(), inv.env().stdoutIsTerminal(), inv.env().stderrIsTerminal(),
                c.output().quiet() || c.output().trace(), batch.items().size()), new BatchTally());
        List<BatchMessage> messages = batch.read(c.message().aliases()::addresses, c.envelope().sender(), run::record);
        try (var setup = SenderSetup.builder(inv, Optional.empty()).connectionsPerHost(concurrency).build()) {
            BatchPlan plan = BatchPlan.of(messages, c.server().routing().relays()
                    || c.server().routing().discoverSubmission(), concurrency);
            inv.note("batch: " + plan);
            try {
                plan.send(m -> run.send(setup.sender(), m), run::record);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.TEMP_FAIL, "interrupted; the messages not reported as sent are "
                        + "still in " + path);
            } finally {
                run.progress.clear();
            }
        }
        String line = "batch " + path + ": " + run.tally;
        if (run.tally.exitCode() != ExitCodes.OK) {
            line += "; the messages not delivered are still in " + path;
        }
        inv.info(line);
        return run.tally.exitCode();
    }

    /** One batch run: its results so far, shared by the lanes. */
    private record Run(Invocation inv, Progress progress, BatchTally tally) {

        /**
         * Sends one message ({@link BatchPlan.Attempt}), through the queue when one is configured. It is signed as
         * a single send signs (the From field's domain unless {@code --dkim-domain}), streamed from the file; unless
         * the envelope sender selects another account, whose own key then signs (a sender route).
         */
        BatchResult send(Sender sender, BatchMessage m) throws IOException {
            CliConfig c = inv.config();
            Envelope envelope = m.message().envelope();
            SendmailDelivery delivery = new SendmailDelivery(envelope, m.message().content());
            if (c.dkim().enabled() && SenderSetup.accountFor(inv, envelope.sender()).isEmpty()) {
                delivery.sign(c.dkim(), HeaderBlock.readSingleFrom(delivery.content()), inv.env().clock());
            }
            try {
                FirstAttempt d = QueuedDelivery.send(inv, sender, delivery, c.envelope().options());
                return BatchResult.sent(m, d);
            } catch (CliException ex) {
                return BatchResult.failed(m, ex.getMessage(), ex.exitCode());
            }
        }

        /** Counts a result and reports it: a JSON line with --json, a line on stderr unless delivered. */
        void record(BatchResult r) {
            tally.add(r);
            progress.done(r.exitCode() == ExitCodes.OK);
            boolean json = inv.config().output().json();
            if (json) {
                synchronized (inv.out()) {
                    inv.out().println(r.json());
                }
            }
            boolean shown = r.outcome() == BatchResult.Outcome.UNREADABLE ? !json
                    : r.outcome() != BatchResult.Outcome.DELIVERED || r.exitCode() != ExitCodes.OK;
            if (shown && !inv.config().output().quiet()) {
                synchronized (inv.err()) {
                    progress.clear();
                    inv.warn(r.toString());
                }
            }
        }
    }
}
