package dev.sendmail.cli.command;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.input.SendmailInput;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.cli.output.ReportPrinter;
import dev.sendmail.spi.Resolver;
import dev.sendmail.tlsrpt.TlsReport;
import dev.sendmail.tlsrpt.TlsReportStore;
import dev.sendmail.tlsrpt.TlsRptRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --tls-report DOMAIN}: prints today's (UTC) TLS report (RFC 8460) for a policy domain from the sessions
 * recorded in the cache directory; with {@code --tls-report-send}, mails it instead to each {@code mailto:}
 * address of the domain's {@code _smtp._tls} record, through the usual route, from the sender ({@code -f}).
 */
public final class TlsReportCommand implements Command {

    private final String domain;
    private final boolean send;

    public TlsReportCommand(String domain, boolean send) {
        this.domain = domain.strip().toLowerCase(Locale.ROOT);
        this.send = send;
    }

    @Override
    public int run(Invocation inv) throws CliException {
        CliConfig c = inv.config();
        if (!c.envelope().recipients().isEmpty()) {
            throw CliException.usage("--tls-report takes no recipients: the report goes to the domain's rua address");
        }
        Mailbox contact = c.envelope().from().isPresent() && !c.envelope().nullSender() ? c.envelope().from().get()
                : SendmailInput.defaultSender(inv.env());
        Instant now = inv.env().clock().instant();
        TlsReport report;
        try {
            report = TlsReport.of(new TlsReportStore(SenderSetup.cacheDirectory(inv.env()).resolve("tls-rpt")), domain,
                    LocalDate.ofInstant(now, ZoneOffset.UTC), contact.domain(), contact.address());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--tls-report: " + e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO_ERROR, "cannot read the TLS report records: " + e.getMessage(), e);
        }
        if (!send) {
            inv.out().print(report.json());
            return ExitCodes.OK;
        }
        try (SenderSetup setup = SenderSetup.create(inv, inv.trace(), true, Optional.of(contact))) {
            List<String> to = rua(inv, setup);
            int code = ExitCodes.OK;
            for (String address : to) {
                byte[] message = report.message(contact.address(), address, contact.domain(), now,
                        report.reportId().replace('@', '.') + "@" + contact.domain());
                DeliveryReport sent = setup.sender().send(Envelope.of(contact.address(), address),
                        MessageContent.of(message), DeliveryOptions.DEFAULT);
                ReportPrinter.printLines(sent, inv.err());
                code = ExitCodes.worse(code, ExitCodes.forReport(sent));
            }
            return code;
        }
    }

    /** The mailto: addresses of the domain's {@code _smtp._tls} record. */
    private List<String> rua(Invocation inv, SenderSetup setup) throws CliException {
        Resolver resolver = setup.resolver().isPresent() ? setup.resolver().get() : SenderSetup.createResolver(inv);
        try {
            List<String> to = TlsRptRecord.lookup(resolver, domain).mailto();
            if (to.isEmpty()) {
                throw new CliException(ExitCodes.UNAVAILABLE, "_smtp._tls." + domain + " names only https: report "
                        + "addresses; send-mail mails reports (mailto:) only");
            }
            return to;
        } catch (ResolutionFailedException e) {
            throw new CliException(ExitCodes.forFailure(e), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "no TLS report address: " + e.getMessage());
        } finally {
            if (setup.resolver().isEmpty()) {
                resolver.close();
            }
        }
    }
}
