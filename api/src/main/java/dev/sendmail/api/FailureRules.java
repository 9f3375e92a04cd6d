package dev.sendmail.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a {@link Sender} classifies a failure at one host: whether it sends the mail to the next host, whether it is
 * the server asking us to slow down, whether it applies to the whole transaction; and the outcome for a failure
 * outside any transaction (a bug, an interrupt).
 */
final class FailureRules {

    private static final Pattern THROTTLE_WORD = Pattern.compile("\\brate");

    private FailureRules() {
    }

    /** Whether a whole-transaction failure at one host sends us to the next host. */
    static boolean tryNextHost(SendMailException e) {
        if (e instanceof ConnectionFailedException || e instanceof TlsFailedException
                || e instanceof ProtocolViolationException) {
            return true;
        }
        if (e instanceof LocalPolicyException l && l.serverLacks() && l.phase().orElse(null) == Phase.STARTTLS) {
            return true;  // a message that requires TLS: the next host may offer a verified session
        }
        if (e instanceof SmtpRejectedException r) {
            Phase p = r.phase().orElse(Phase.MAIL);
            boolean beforeMail = p == Phase.CONNECT || p == Phase.GREETING || p == Phase.EHLO
                    || p == Phase.STARTTLS;
            return beforeMail || r.isTransient();
        }
        return false;
    }

    /**
     * Whether a failure is a server asking us to send more slowly: {@code 421}, {@code 451} or {@code 454} with
     * text that says "rate" (as a word start) or "throttl".
     */
    static boolean isThrottle(SendMailException e) {
        if (e.reply().isEmpty()) {
            return false;
        }
        SmtpReply r = e.reply().get();
        if (r.code() != 421 && r.code() != 451 && r.code() != 454) {
            return false;
        }
        String text = r.text().toLowerCase(Locale.ROOT);
        return text.contains("throttl") || THROTTLE_WORD.matcher(text).find();
    }

    /** Whether a recipient's deferral came from a failure of the whole transaction (not its own RCPT). */
    static boolean isWholeTransaction(Optional<Phase> phase) {
        return phase.isPresent() && phase.get() != Phase.RCPT;
    }

    /** Every recipient deferred by an unexpected failure ({@code t}: a bug in a transport, an interrupt). */
    static Map<Mailbox, RecipientOutcome> unexpected(List<Mailbox> recipients, Throwable t) {
        Map<Mailbox, RecipientOutcome> map = new LinkedHashMap<>();
        ConnectionFailedException e = new ConnectionFailedException("internal error: " + t, null, null, t);
        for (Mailbox r : recipients) {
            map.put(r, RecipientOutcome.of(r, e));
        }
        return map;
    }
}
