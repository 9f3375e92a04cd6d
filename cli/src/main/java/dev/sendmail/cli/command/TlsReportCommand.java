package dev.sendmail.cli.command;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.ConfigException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.spi.Resolver;
import dev.sendmail.tlsrpt.TlsReport;
import dev.sendmail.tlsrpt.TlsReportMailer;
import dev.sendmail.tlsrpt.TlsReportStore;
import dev.sendmail.local.SubmissionException;
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
public record TlsReportCommand(String domain, boolean send) implements Command {

    public TlsReportCommand {
        domain = domain.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public int run(Invocation inv) throws CliException, ConfigException, ResolutionFailedException,
            SubmissionException {
        if (!inv.config().envelope().to().mailboxes().isEmpty()) {
            throw CliException.usage("--tls-report takes no recipients: the report goes to the domain's rua address");
        }
        Mailbox contact = inv.config().envelope().sender().author(inv.env().user());
        Instant now = inv.env().clock().instant();
        TlsReport report;
        try {
            report = TlsReport.of(TlsReportStore.inCache(inv.env().user().cacheDirectory()), domain,
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
        try (var setup = SenderSetup.builder(inv, Optional.of(contact)).build()) {
            int code = ExitCodes.OK;
            for (DeliveryReport sent : TlsReportMailer.mail(report, setup.sender(), contact,
                    rua(inv, setup.resolver()), now).values()) {
                sent.lines().forEach(inv.err()::println);
                code = ExitCodes.worse(code, ExitCodes.forReport(sent));
            }
            return code;
        }
    }

    /** The mailto: addresses of the domain's {@code _smtp._tls} record, asked of the sender's resolver or a new one. */
    private List<String> rua(Invocation inv, Optional<Resolver> existing) throws CliException, ConfigException,
            ResolutionFailedException {
        try (Resolver resolver = SenderSetup.createResolver(inv, existing)) {
            return TlsReportMailer.addresses(resolver, domain);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "no TLS report address: " + e.getMessage());
        }
    }
}
