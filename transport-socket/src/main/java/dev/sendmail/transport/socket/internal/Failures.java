package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.Phase;
import dev.sendmail.api.ProtocolViolationException;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TlsFailedException;
import dev.sendmail.api.TlsRequirement;
import dev.sendmail.spi.TlsSupport;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** Classifies I/O failures into the api's exceptions, once, with the phase and host. */
final class Failures {

    private Failures() {
    }

    static SendMailException of(IOException e, Phase phase, String host) {
        if (e instanceof MalformedReplyException) {
            return new ProtocolViolationException(e.getMessage(), phase, host);
        }
        if (e instanceof DataEncoder.LineTooLongException) {
            return new LocalPolicyException(e.getMessage() + "; the message changed while it was sent", phase, host);
        }
        if (e instanceof CommandWriter.UnsafeCommandException) {
            return new LocalPolicyException(e.getMessage(), phase, host);
        }
        if (e instanceof MailTransaction.ContentException) {
            return new LocalPolicyException(e.getMessage(), phase, host);
        }
        if (e instanceof SocketTimeoutException) {
            String m = e.getMessage() == null || e.getMessage().isEmpty() ? "timed out" : e.getMessage();
            return new ConnectionFailedException(m, phase, host, e);
        }
        if (e instanceof EOFException) {
            return new ConnectionFailedException(e.getMessage(), phase, host, e);
        }
        if (e instanceof SSLException) {
            return tls(e, phase, host);
        }
        return new ConnectionFailedException(message(e), phase, host, e);
    }

    static TlsFailedException tls(IOException e, Phase phase, String host) {
        Optional<String> cert = TlsSupport.describeCertificateFailure(e);
        String what = cert.orElse("TLS handshake failed: " + message(e));
        return new TlsFailedException(what, cert.isEmpty(), Optional.empty(), phase, host, e);
    }

    /**
     * A handshake failure for a host with a {@link TlsRequirement}: always transient (RFC 7672 2.2, RFC 8461 5:
     * the mail is deferred and the next host tried), and the rule named.
     */
    static TlsFailedException tls(IOException e, Phase phase, String host, TlsRequirement requirement) {
        if (!requirement.requiresTls()) {
            return tls(e, phase, host);
        }
        Optional<String> cert = TlsSupport.describeCertificateFailure(e);
        String what = cert.orElse("TLS handshake failed: " + message(e));
        return new TlsFailedException(what + " [" + requirement.rule() + "]", true, Optional.empty(), phase, host,
                e);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.replace('\r', ' ').replace('\n', ' ');
    }
}
