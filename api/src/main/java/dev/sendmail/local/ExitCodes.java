package dev.sendmail.local;

import dev.sendmail.api.AuthenticationFailedException;
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
import dev.sendmail.config.ConfigException;
import dev.sendmail.queue.EntryReport;
import dev.sendmail.queue.FirstAttempt;
import dev.sendmail.queue.QueueRun;
import java.util.Map;
import java.util.Optional;

/**
 * The exit codes of {@code sysexits.h}, which sendmail, msmtp and the programs that call them agree on, and the
 * classification of delivery outcomes onto them, for a program that replaces {@code sendmail}:
 * 67 recipient unknown (5.1.x, or a RCPT 550/551/553 without an enhanced status), 68 no such domain or null MX,
 * 77 authentication (including 530 authentication required), 76 protocol violation, 65 local policy (bad data),
 * 69 an extension or verified TLS the server lacks, 75 any temporary failure, 69 any other permanent failure.
 * Over several recipients a permanent failure outranks a protocol error, which outranks a temporary failure
 * ({@link #worse}). Stateless; every method may be called from any thread.
 */
public final class ExitCodes {

    /** Success: sent, queued or (for {@code -bv}) deliverable. */
    public static final int OK = 0;
    /** EX_USAGE: the command was used incorrectly. */
    public static final int USAGE = 64;
    /** EX_DATAERR: bad message or address data. */
    public static final int DATA_ERROR = 65;
    /** EX_NOINPUT: an input file did not exist or was not readable. */
    public static final int NO_INPUT = 66;
    /** EX_NOUSER: a recipient is unknown (5.1.x). */
    public static final int NO_USER = 67;
    /** EX_NOHOST: the domain does not exist or accepts no mail. */
    public static final int NO_HOST = 68;
    /** EX_UNAVAILABLE: any other permanent failure. */
    public static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: a bug in the program. */
    public static final int SOFTWARE = 70;
    /** EX_CANTCREAT: a local file could not be written. */
    public static final int CANT_CREATE = 73;
    /** EX_IOERR: local I/O failed. */
    public static final int IO_ERROR = 74;
    /** EX_TEMPFAIL: temporary failure; trying later may work. */
    public static final int TEMP_FAIL = 75;
    /** EX_PROTOCOL: the remote side broke the protocol. */
    public static final int PROTOCOL = 76;
    /** EX_NOPERM: authentication or permission failure. */
    public static final int NO_PERMISSION = 77;
    /** EX_CONFIG: configuration error. */
    public static final int CONFIG = 78;

    /** The names {@code sysexits.h} gives, by code; 71 and 72 have no constant: send-mail never exits with them. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(OK, "EX_OK"),
            Map.entry(USAGE, "EX_USAGE"), Map.entry(DATA_ERROR, "EX_DATAERR"), Map.entry(NO_INPUT, "EX_NOINPUT"),
            Map.entry(NO_USER, "EX_NOUSER"), Map.entry(NO_HOST, "EX_NOHOST"), Map.entry(UNAVAILABLE, "EX_UNAVAILABLE"),
            Map.entry(SOFTWARE, "EX_SOFTWARE"), Map.entry(71, "EX_OSERR"), Map.entry(72, "EX_OSFILE"),
            Map.entry(CANT_CREATE, "EX_CANTCREAT"), Map.entry(IO_ERROR, "EX_IOERR"), Map.entry(TEMP_FAIL, "EX_TEMPFAIL"),
            Map.entry(PROTOCOL, "EX_PROTOCOL"), Map.entry(NO_PERMISSION, "EX_NOPERM"), Map.entry(CONFIG, "EX_CONFIG"));

    private ExitCodes() {
    }

    /**
     * The name {@code sysexits.h} gives a code, as msmtp writes it in its log ({@code exitcode=EX_TEMPFAIL}).
     *
     * @param code an exit code
     * @return {@code EX_OK}, {@code EX_TEMPFAIL}, ...; the number itself for a code sysexits.h does not name
     */
    public static String name(int code) {
        return NAMES.getOrDefault(code, String.valueOf(code));
    }

    /**
     * Whether a code means that trying again will not help: anything but success, a temporary failure and a
     * protocol error.
     *
     * @param code a code of this class
     * @return true for a permanent failure
     */
    public static boolean isPermanent(int code) {
        return code != OK && code != TEMP_FAIL && code != PROTOCOL;
    }

    /**
     * Combines two codes: a permanent failure outranks a protocol error, which outranks a temporary failure,
     * which outranks success. Between two permanent failures the first one wins.
     *
     * @param current the code so far
     * @param next the code of one more outcome
     * @return the code that stands
     */
    public static int worse(int current, int next) {
        return rank(next) > rank(current) ? next : current;
    }

    private static int rank(int code) {
        if (code == OK) {
            return 0;
        }
        if (code == TEMP_FAIL) {
            return 1;
        }
        if (code == PROTOCOL) {
            return 2;
        }
        return 3;
    }

    /**
     * The code of a whole delivery: the {@link #worse} of its recipients' codes.
     *
     * @param report the outcomes of one message
     * @return 0 when every recipient was delivered
     */
    public static int forReport(DeliveryReport report) {
        int code = OK;
        for (RecipientOutcome o : report.outcomes()) {
            code = worse(code, forOutcome(o));
        }
        return code;
    }

    /**
     * The code of a message's first attempt ({@link FirstAttempt}): 0 when no recipient failed for good and every
     * one not delivered is retried, by the queue ({@link FirstAttempt#queuedAs}) or because {@code keptForRetry};
     * else the code of the report ({@link #forReport}). When the queue entry could not be settled
     * ({@link FirstAttempt#unsettled}) the code is at least as bad as 73: someone has to act, or a queue run sends
     * the message again to recipients that have their outcome.
     *
     * @param attempt the attempt
     * @param keptForRetry whether the recipients nobody else retries were kept somewhere that retries them (an
     *        {@link UndeliveredHandler} that {@link UndeliveredHandler#retries})
     * @return the code
     */
    public static int forAttempt(FirstAttempt attempt, boolean keptForRetry) {
        DeliveryReport report = attempt.report();
        boolean retried = attempt.queuedAs().isPresent() || keptForRetry;
        int code = report.failed().isEmpty() && retried ? OK : forReport(report);
        return attempt.unsettled().isPresent() ? worse(code, CANT_CREATE) : code;
    }

    /**
     * The code of one recipient's outcome. Its status decides between temporary and permanent when the
     * classified failure says otherwise: a deferred recipient is 75, a failed one never 75.
     *
     * @param o the outcome
     * @return 0 for a delivered recipient
     */
    public static int forOutcome(RecipientOutcome o) {
        if (o.status() == DeliveryStatus.DELIVERED) {
            return OK;
        }
        if (o.failure().isPresent()) {
            int code = forFailure(o.failure().get());
            if (o.status() == DeliveryStatus.DEFERRED && isPermanent(code)) {
                return TEMP_FAIL;
            }
            if (o.status() == DeliveryStatus.FAILED && code == TEMP_FAIL) {
                return UNAVAILABLE;
            }
            return code;
        }
        if (o.status() == DeliveryStatus.DEFERRED) {
            return TEMP_FAIL;
        }
        return o.reply().map(r -> forReply(r, o.phase())).orElse(UNAVAILABLE);
    }

    /**
     * The code of a failure: authentication 77 (75 when transient), protocol violation 76, resolution by its
     * reason (68 no such domain or null MX, 75 temporary or no address, 69 other permanent, 78 a lookup the
     * resolver cannot do), local policy 65 (69 when the server lacks what is needed), a rejection by its reply
     * ({@link #forReply}), anything else 75 when transient and 69 when not.
     *
     * @param e the failure
     * @return the code
     */
    public static int forFailure(SendMailException e) {
        if (e instanceof AuthenticationFailedException) {
            return e.isTransient() ? TEMP_FAIL : NO_PERMISSION;
        }
        if (e instanceof ProtocolViolationException) {
            return PROTOCOL;
        }
        if (e instanceof ResolutionFailedException r) {
            return switch (r.reason()) {
                case NO_SUCH_DOMAIN, NULL_MX -> NO_HOST;
                case NO_ADDRESS, TEMPORARY -> TEMP_FAIL;
                case PERMANENT -> UNAVAILABLE;
                // the chosen resolver cannot do the lookup: a configuration problem
                case UNSUPPORTED -> CONFIG;
            };
        }
        if (e instanceof LocalPolicyException l) {
            return l.serverLacks() ? UNAVAILABLE : DATA_ERROR;
        }
        if (e instanceof SmtpRejectedException s) {
            return forReply(s.smtpReply(), s.phase());
        }
        return e.isTransient() ? TEMP_FAIL : UNAVAILABLE;
    }

    /**
     * The code of a server's reply: 0 positive, 75 transient, 77 for 530 (authentication required, RFC 4954),
     * then by the enhanced status (67 for an address status 5.1.x, else 69), and without one 67 for 550, 551 and
     * 553 to RCPT, else 69.
     *
     * @param reply the reply
     * @param phase the command it answered, when known
     * @return the code
     */
    public static int forReply(SmtpReply reply, Optional<Phase> phase) {
        if (reply.isTransient()) {
            return TEMP_FAIL;
        }
        if (reply.isPositive()) {
            return OK;
        }
        if (reply.code() == 530) {
            return NO_PERMISSION;
        }
        if (reply.status().isPresent()) {
            return reply.status().get().isAddressStatus() ? NO_USER : UNAVAILABLE;
        }
        int c = reply.code();
        if (phase.orElse(null) == Phase.RCPT && (c == 550 || c == 551 || c == 553)) {
            return NO_USER;
        }
        return UNAVAILABLE;
    }

    /**
     * The code of the reply to ETRN (RFC 1985): 250, 251, 252 and 253 are 0; 458 (unable to queue now) and any
     * other 4xx are 75; 459 (node not allowed) and 5xx (500, 501, 502: not understood or not offered) are 69.
     *
     * @param reply the reply to ETRN
     * @return the code
     */
    public static int forEtrn(SmtpReply reply) {
        if (reply.isPositive()) {
            return OK;
        }
        if (reply.code() == 459 || reply.isPermanent()) {
            return UNAVAILABLE;
        }
        return TEMP_FAIL;
    }

    /**
     * The code of one entry of a queue run, for a run that should fail only when someone has to act: 78 when the
     * entry's recorded route cannot be rebuilt until the configuration is fixed, 75 when it may be rebuilt later,
     * 73 when its outcome could not be recorded, and 0 for every other result (delivered, failed for good, still queued, or a corrupt entry moved aside),
     * which is the queue doing its normal business.
     *
     * @param result where the entry stands after the run
     * @return the code
     */
    public static int forQueueRun(EntryReport.Result result) {
        return switch (result) {
            case ROUTE_UNAVAILABLE -> CONFIG;
            case ROUTE_UNAVAILABLE_TEMPORARILY -> TEMP_FAIL;
            case UNRECORDED, NOT_KEPT -> CANT_CREATE;
            case DELIVERED, FAILED, QUEUED, CORRUPT -> OK;
        };
    }

    /**
     * The code of a whole queue run: the {@link #worse} of its entries' codes ({@link #forQueueRun(EntryReport.Result)}),
     * so 0 unless an entry's route could not be rebuilt or its outcome recorded.
     *
     * @param run what the run did
     * @return the code
     */
    public static int forQueueRun(QueueRun run) {
        int code = OK;
        for (EntryReport e : run.entries()) {
            code = worse(code, forQueueRun(e.result()));
        }
        return code;
    }

    /**
     * The code of a configuration problem: 66 for a named file that is missing, 77 for one that cannot be read,
     * 78 for anything wrong inside.
     *
     * @param e the problem
     * @return the code
     */
    public static int forConfig(ConfigException e) {
        return switch (e.reason()) {
            case MISSING -> NO_INPUT;
            case UNREADABLE -> NO_PERMISSION;
            case INVALID -> CONFIG;
        };
    }
}
