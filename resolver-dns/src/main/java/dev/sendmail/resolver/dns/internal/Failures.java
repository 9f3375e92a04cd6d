package dev.sendmail.resolver.dns.internal;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.ResolutionFailedException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.WireParseException;

/**
 * Classifies what dnsjava throws or answers into a {@link LookupException} with one readable line. Everything
 * the network or a server can cause is {@link Reason#TEMPORARY}: waiting may help, and deferring mail is safe
 * where bouncing it is not.
 */
public final class Failures {

    private static final int MAX_DETAIL = 160;

    private Failures() {
    }

    /**
     * A query to {@code server} threw.
     *
     * @param question for example {@code MX example.org}
     */
    public static LookupException ofThrowable(Throwable thrown, String question, String server) {
        Throwable t = unwrap(thrown);
        String what;
        if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
            what = "timed out";
        } else if (t instanceof PortUnreachableException) {
            what = "server unreachable (ICMP port unreachable)";
        } else if (t instanceof WireParseException) {
            what = "malformed answer: " + detail(t);
        } else if (t instanceof EOFException) {
            what = "connection closed by server";
        } else if (t instanceof UnknownHostException) {
            what = "unknown DNS server host: " + detail(t);
        } else if (t instanceof IOException) {
            what = "network error: " + detail(t);
        } else {
            what = "DNS error: " + t.getClass().getSimpleName() + ": " + detail(t);
        }
        return new LookupException(Reason.TEMPORARY, "DNS query " + question + " " + what + " (" + server + ")", t);
    }

    /** A server answered with an rcode other than NOERROR and NXDOMAIN. */
    public static LookupException ofRcode(int rcode, String question, String server) {
        String name = Rcode.string(rcode);
        String what = switch (rcode) {
            case Rcode.SERVFAIL -> "server failure (SERVFAIL)";
            case Rcode.REFUSED -> "refused (REFUSED)";
            case Rcode.FORMERR -> "query not understood (FORMERR)";
            case Rcode.NOTIMP -> "not implemented by server (NOTIMP)";
            default -> "failed (" + name + ")";
        };
        return new LookupException(Reason.TEMPORARY, "DNS query " + question + " " + what + " (" + server + ")", null);
    }

    static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    /** The exception's message on one line, bounded; CR, LF and other controls ({@link ControlCharacters}) replaced. */
    static String detail(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        StringBuilder sb = new StringBuilder(Math.min(m.length(), MAX_DETAIL));
        for (int i = 0; i < m.length() && sb.length() < MAX_DETAIL; i++) {
            char c = m.charAt(i);
            sb.append(ControlCharacters.isControl(c) ? ' ' : c);
        }
        return sb.toString();
    }
}
