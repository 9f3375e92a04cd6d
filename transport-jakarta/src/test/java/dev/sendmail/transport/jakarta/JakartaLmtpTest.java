package dev.sendmail.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.MailProtocol;
import dev.sendmail.api.TransportSettings;
import org.junit.jupiter.api.Test;

/**
 * Angus Mail has no LMTP client and we hand it TCP sockets only: the jakarta transport refuses LMTP and a unix socket
 * when it is created, in one line.
 */
class JakartaLmtpTest {

    @Test
    void lmtpIsRefusedBeforeAnythingIsSent() {
        TransportSettings lmtp = TransportSettings.builder().protocol(MailProtocol.LMTP).build();

        LocalPolicyException e = assertThrows(LocalPolicyException.class,
                () -> new JakartaTransportProvider().create(lmtp));

        assertTrue(e.getMessage().contains("SMTP only") && e.getMessage().contains("socket transport"),
                e.getMessage());
        assertTrue(e.getMessage().indexOf('\n') < 0, e.getMessage());
    }

    @Test
    void aUnixSocketIsRefusedBeforeAnythingIsSent() {
        TransportSettings unix = TransportSettings.builder().network(dev.sendmail.api.NetworkSettings.DIRECT
                .withUnixSocket(java.nio.file.Path.of("/run/dovecot/lmtp"))).build();

        LocalPolicyException e = assertThrows(LocalPolicyException.class,
                () -> new JakartaTransportProvider().create(unix));

        assertTrue(e.getMessage().contains("TCP only") && e.getMessage().contains("/run/dovecot/lmtp"),
                e.getMessage());
    }
}
