package dev.sendmail.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.MailProtocol;
import dev.sendmail.api.TransportSettings;
import org.junit.jupiter.api.Test;

/** Angus Mail has no LMTP client: the jakarta transport refuses LMTP settings when it is created, in one line. */
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
}
