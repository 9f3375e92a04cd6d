package dev.sendmail.cli.output;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.Phase;
import dev.sendmail.api.ProtocolViolationException;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TlsFailedException;
import java.util.Optional;

/**
 * Maps delivery outcomes to sysexits codes: 67 recipient unknown (5.1.x, or a RCPT 550/551/553 without an
 * enhanced status), 68 no such domain or null MX, 77 authentication (including 530 authentication required),
 * 76 protocol violation, 65 local policy (bad data), 69 an extension or verified TLS the server lacks,
 * 75 any temporary failure, 69 any other permanent failure. Over several recipients a permanent
 * failure outranks a protocol error, which outranks a temporary failure.
 */
public final class ExitCodeMapper {

    private ExitCodeMapper() {
    }

    public static int forReport(DeliveryReport report) {
        int code = ExitCodes.OK;
        for (RecipientOutcome o : report.outcomes()) {
            code = ExitCodes.worse(code, forOutcome(o));
        }
        return code;
    }

    static int forOutcome(RecipientOutcome o) {
        if (o.status() == DeliveryStatus.DELIVERED) {
            return ExitCodes.OK;
        }
        if (o.failure().isPresent()) {
            int code = forFailure(o.failure().get());
            // the status decides between temporary and permanent when a transport disagrees with itself
            if (o.status() == DeliveryStatus.DEFERRED && ExitCodes.isPermanent(code)) {
                return ExitCodes.TEMP_FAIL;
            }
            if (o.status() == DeliveryStatus.FAILED && code == ExitCodes.TEMP_FAIL) {
                return ExitCodes.UNAVAILABLE;
            }
            return code;
        }
        if (o.status() == DeliveryStatus.DEFERRED) {
            return ExitCodes.TEMP_FAIL;
        }
        return o.reply().map(r -> forReply(r, o.phase())).orElse(ExitCodes.UNAVAILABLE);
    }

    /**
     * The exit code for the reply to ETRN (RFC 1985): 250, 251, 252 and 253 are 0; 458 (unable to queue now) and
     * any other 4xx are 75; 459 (node not allowed) and 5xx (500, 501, 502: not understood or not offered) are 69.
     */
    public static int forEtrn(SmtpReply reply) {
        if (reply.isPositive()) {
            return ExitCodes.OK;
        }
        if (reply.code() == 459 || reply.isPermanent()) {
            return ExitCodes.UNAVAILABLE;
        }
        return ExitCodes.TEMP_FAIL;
    }

    public static int forFailure(SendMailException e) {
        if (e instanceof AuthenticationFailedException) {
            return e.isTransient() ? ExitCodes.TEMP_FAIL : ExitCodes.NO_PERMISSION;
        }
        if (e instanceof ProtocolViolationException) {
            return ExitCodes.PROTOCOL;
        }
        if (e instanceof ResolutionFailedException r) {
            return switch (r.reason()) {
                case NO_SUCH_DOMAIN, NULL_MX -> ExitCodes.NO_HOST;
                case NO_ADDRESS, TEMPORARY -> ExitCodes.TEMP_FAIL;
                case PERMANENT -> ExitCodes.UNAVAILABLE;
                // the chosen resolver cannot do the lookup: a configuration problem
                case UNSUPPORTED -> ExitCodes.CONFIG;
            };
        }
        if (e instanceof LocalPolicyException l) {
            return l.serverLacks() ? ExitCodes.UNAVAILABLE : ExitCodes.DATA_ERROR;
        }
        if (e instanceof SmtpRejectedException s) {
            return forReply(s.smtpReply(), s.phase());
        }
        if (e instanceof ConnectionFailedException || e instanceof TlsFailedException) {
            return e.isTransient() ? ExitCodes.TEMP_FAIL : ExitCodes.UNAVAILABLE;
        }
        return e.isTransient() ? ExitCodes.TEMP_FAIL : ExitCodes.UNAVAILABLE;
    }

    static int forReply(SmtpReply reply, Optional<Phase> phase) {
        if (reply.isTransient()) {
            return ExitCodes.TEMP_FAIL;
        }
        if (reply.isPositive()) {
            return ExitCodes.OK;
        }
        if (reply.code() == 530) {
            return ExitCodes.NO_PERMISSION; // RFC 4954: authentication required
        }
        if (reply.status().isPresent()) {
            return reply.status().get().isAddressStatus() ? ExitCodes.NO_USER : ExitCodes.UNAVAILABLE;
        }
        int c = reply.code();
        if (phase.orElse(null) == Phase.RCPT && (c == 550 || c == 551 || c == 553)) {
            return ExitCodes.NO_USER;
        }
        return ExitCodes.UNAVAILABLE;
    }
}
