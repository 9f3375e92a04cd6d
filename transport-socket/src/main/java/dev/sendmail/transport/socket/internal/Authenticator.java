package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.AccessTokenSource;
import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.Credentials;
import dev.sendmail.api.Phase;
import dev.sendmail.api.Secret;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.Timeouts;
import dev.sendmail.transport.socket.internal.sasl.Mechanisms;
import dev.sendmail.transport.socket.internal.sasl.SaslFailure;
import dev.sendmail.transport.socket.internal.sasl.SaslMechanism;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * SMTP AUTH (RFC 4954) over a connection that {@link dev.sendmail.spi.CredentialPolicy} accepted: picks the
 * mechanism, runs the exchange. The transcript shows {@code AUTH PLAIN ****} and {@code ****} for every
 * response: nothing derived from the secret reaches a listener.
 */
final class Authenticator {

    private static final int MAX_ROUNDS = 10;

    private Authenticator() {
    }

    static void authenticate(SmtpConnection c, Credentials credentials, Timeouts timeouts) throws SendMailException {
        String host = c.host();
        Set<String> offered = c.capabilities().authMechanisms();
        if (offered.isEmpty()) {
            throw new AuthenticationFailedException("the server does not offer AUTH", Optional.empty(), host);
        }
        String name = Mechanisms.choose(credentials, offered, c.isTls()).orElseThrow(() ->
                new AuthenticationFailedException("no common SASL mechanism: the server offers "
                        + String.join(" ", offered) + "; allowed: " + String.join(" ",
                        credentials.mechanisms().isEmpty() ? Mechanisms.supported() : credentials.mechanisms()),
                        Optional.empty(), host));
        if (!credentials.usesTokenSource(name)) {
            attempt(c, credentials, name, credentials.secret(), timeouts);
            return;
        }
        AccessTokenSource tokens = credentials.tokens().orElseThrow();
        Secret token = tokens.accessToken();
        try {
            attempt(c, credentials, name, token, timeouts);
        } catch (AuthenticationFailedException e) {
            if (!rejectedToken(e) || c.isBroken()) {
                throw e;
            }
            // the token may have been revoked or expired early: one new token per session, then the failure stands
            c.listener().note(host, "the server rejected the OAuth2 access token; getting a new one");
            attempt(c, credentials, name, tokens.afterRejection(token), timeouts);
        }
    }

    /** A permanent reply to AUTH: the token was refused (a 4xx or a missing reply is not about the token). */
    private static boolean rejectedToken(AuthenticationFailedException e) {
        return e.reply().map(r -> r.code() >= 500 && r.code() != 504).orElse(false);
    }

    private static void attempt(SmtpConnection c, Credentials credentials, String name, Secret source,
                                Timeouts timeouts) throws SendMailException {
        String host = c.host();
        char[] secret = source.reveal();
        try {
            run(c, Mechanisms.create(name, credentials.username(), secret, host,
                    c.address().getPort()), timeouts);
        } catch (IOException e) {
            c.markBroken();
            throw Failures.of(e, Phase.AUTH, host);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    static void run(SmtpConnection c, SaslMechanism m, Timeouts timeouts)
            throws IOException, SendMailException {
        String host = c.host();
        try {
            byte[] initial = m.initialResponse();
            if (initial == null) {
                c.send("AUTH " + m.name(), "AUTH " + m.name());
                c.flush();
            } else {
                sendResponse(c, "AUTH " + m.name() + " ", initial, "AUTH " + m.name() + " ****");
            }
            for (int round = 0; round < MAX_ROUNDS; round++) {
                SmtpReply r = ExpectedReply.check(c.read(timeouts.command()), "AUTH", 235, 334);
                if (r.code() == 235) {
                    m.complete();
                    return;
                }
                if (r.code() != 334) {
                    throw new AuthenticationFailedException(m.name() + " " + r, Optional.of(r), host);
                }
                byte[] challenge;
                try {
                    String text = r.lines().get(0).strip();
                    challenge = Base64.getDecoder().decode(text.equals("=") ? "" : text);
                } catch (IllegalArgumentException e) {
                    cancel(c, timeouts);
                    throw new AuthenticationFailedException(m.name() + ": the server's challenge is not base64",
                            Optional.of(r), host);
                }
                byte[] response;
                try {
                    response = m.evaluate(challenge);
                } catch (SaslFailure f) {
                    cancel(c, timeouts);
                    throw new AuthenticationFailedException(f.getMessage(), Optional.empty(), host);
                }
                sendResponse(c, "", response, "****");
            }
            c.markBroken();
            throw new AuthenticationFailedException(m.name() + ": too many challenges", Optional.empty(), host);
        } catch (SaslFailure f) {
            throw new AuthenticationFailedException(f.getMessage(), Optional.empty(), host);
        }
    }

    /** Cancels the exchange with {@code *} (RFC 4954 4) and reads the server's 501. */
    private static void cancel(SmtpConnection c, Timeouts timeouts) throws IOException {
        c.send("*");
        c.flush();
        c.read(timeouts.command());
    }

    /**
     * Sends a response in base64 ({@code =} for an empty initial response, RFC 4954 4) and wipes both the response
     * and its encoding: no {@code String} holds either.
     */
    private static void sendResponse(SmtpConnection c, String head, byte[] response, String shown)
            throws IOException {
        byte[] encoded = response.length == 0 ? (head.isEmpty() ? new byte[0] : new byte[] {'='})
                : Base64.getEncoder().encode(response);
        try {
            c.sendSecret(head, encoded, shown);
        } finally {
            Arrays.fill(response, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
        }
    }
}
