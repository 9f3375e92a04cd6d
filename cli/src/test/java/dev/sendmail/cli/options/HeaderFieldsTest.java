package dev.sendmail.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.cli.output.CliException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderFieldsTest {

    @Test
    void nameAndValueAreSplitAtTheFirstColonAndStripped() throws Exception {
        assertEquals(Map.entry("X-Tag", "a: b"), HeaderFields.parseOption(" X-Tag :  a: b "));
    }

    @Test
    void aMalformedFieldIsBadDataAndAFieldSendMailWritesIsAUsageError() {
        for (String bad : new String[] {"no colon", ": x", "Bad Name: x", "Message-ID: not-an-id"}) {
            CliException e = assertThrows(CliException.class, () -> HeaderFields.parseOption(bad), bad);
            assertEquals(65, e.exitCode(), bad);
            assertTrue(e.getMessage().startsWith("--header"), e.getMessage());
        }
        CliException bcc = assertThrows(CliException.class, () -> HeaderFields.parseOption("Bcc: x@a.test"));
        assertEquals(64, bcc.exitCode());
        assertTrue(bcc.getMessage().contains("--bcc"), bcc.getMessage());
        assertEquals(64, assertThrows(CliException.class, () -> HeaderFields.parseOption("content-type: x"))
                .exitCode());
    }
}
