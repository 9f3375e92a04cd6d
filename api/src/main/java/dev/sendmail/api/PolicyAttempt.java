package dev.sendmail.api;

import dev.sendmail.spi.DomainTlsPolicy;
import dev.sendmail.spi.TranscriptListener;
import java.time.Instant;
import java.util.Optional;

/**
 * An attempt at one host under a domain's TLS policy: tells the policy how the TLS session went (for TLS
 * reports) and, where the policy only tests a host's requirement (MTA-STS {@code testing}), tries the host again
 * without it after a failure, so the mail goes as it would without a policy.
 */
final class PolicyAttempt implements HostDelivery.Attempt {

    private final DomainTlsPolicy.Decision decision;
    private final HostDelivery.Attempt inner;
    private final TranscriptListener listener;

    PolicyAttempt(DomainTlsPolicy.Decision decision, HostDelivery.Attempt inner, TranscriptListener listener) {
        this.decision = decision;
        this.inner = inner;
        this.listener = listener;
    }

    @Override
    public DeliveryReport run(MailHost host, Envelope envelope, Instant end, boolean offerCredentials)
            throws SendMailException {
        if (!host.tlsRequirement().requiresTls()) {
            listener.note(host.name(), "TLS rule: " + host.tlsRequirement().rule());  // transports note the others
        }
        DeliveryReport report;
        try {
            report = inner.run(host, envelope, end, offerCredentials);
        } catch (TlsFailedException e) {
            decision.sessionResult(host, Optional.of(e));
            if (!decision.reportOnly(host)) {
                throw e;
            }
            MailHost plain = host.withTlsRequirement(TlsRequirement.OPPORTUNISTIC);
            listener.note(host.name(), "the policy only tests this rule (" + e.getMessage() + "); trying again: "
                    + plain.tlsRequirement().rule());
            String rule = plain.tlsRequirement().rule() + " (" + host.tlsRequirement().rule() + " failed, reported)";
            DeliveryReport again = inner.run(plain, envelope, end, offerCredentials);
            return new DeliveryReport(again.outcomes().stream().map(o -> o.withTlsRule(rule)).toList());
        } catch (SendMailException e) {
            if (afterTls(e)) {
                decision.sessionResult(host, Optional.empty());
            }
            throw e;
        }
        decision.sessionResult(host, Optional.empty());
        return report;
    }

    /** Whether the failure came after the session's TLS was set up as required (a refused MAIL, RCPT, DATA). */
    private static boolean afterTls(SendMailException e) {
        Phase p = e.phase().orElse(Phase.CONNECT);
        return e instanceof SmtpRejectedException && p != Phase.CONNECT && p != Phase.GREETING && p != Phase.EHLO
                && p != Phase.STARTTLS;
    }
}
