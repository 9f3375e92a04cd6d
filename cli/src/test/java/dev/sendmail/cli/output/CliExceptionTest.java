package dev.sendmail.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.config.ConfigException;
import dev.sendmail.local.SubmissionException;
import dev.sendmail.spi.ProviderLookupException;
import org.junit.jupiter.api.Test;

/** Every failure a command lets pass gets its exit code in one place. */
class CliExceptionTest {

    @Test
    void eachFailureKeepsTheCodeOfItsKind() {
        assertEquals(64, CliException.exitCode(CliException.usage("bad")));
        assertEquals(66, CliException.exitCode(new ConfigException(ConfigException.Reason.MISSING, "no file")));
        assertEquals(77, CliException.exitCode(new ConfigException(ConfigException.Reason.UNREADABLE, "no access")));
        assertEquals(78, CliException.exitCode(new ConfigException(ConfigException.Reason.INVALID, "bad key")));
        assertEquals(75, CliException.exitCode(new ResolutionFailedException("b.test",
                ResolutionFailedException.Reason.TEMPORARY, "MX", null)));
        assertEquals(68, CliException.exitCode(new ResolutionFailedException("b.test",
                ResolutionFailedException.Reason.NO_SUCH_DOMAIN, "MX", null)));
        assertEquals(64, CliException.exitCode(new SubmissionException(SubmissionException.Reason.NO_SENDER, "no")));
        assertEquals(64, CliException.exitCode(new SubmissionException(SubmissionException.Reason.NO_RECIPIENT, "no")));
        assertEquals(65, CliException.exitCode(new SubmissionException(SubmissionException.Reason.MALFORMED, "bad")));
        assertEquals(78, CliException.exitCode(new ProviderLookupException("no transport")));
        assertEquals(70, CliException.exitCode(new IllegalStateException("a bug")));
    }
}
