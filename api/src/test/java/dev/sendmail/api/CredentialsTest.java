package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void aUserNameWithAnyControlCharacterIsRefused() {
        for (String odd : new String[] {"me\r\nRSET", "me\t", "me\u0085", "me\u009b31m", "me\u2028x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Credentials(odd, Secret.of("pw"), List.of(), false), odd);
            assertEquals("user name contains a control character", e.getMessage());
        }
        assertEquals("zoë@example.org", new Credentials("zoë@example.org", Secret.of("pw"), List.of(), false)
                .username());
    }
}
