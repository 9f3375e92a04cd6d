package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.cli.options.CliOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;

/** The man page and the bash completion shipped in the distribution name every option. */
class DistributionDocsTest {

    @Test
    void manPageAndCompletionListEveryLongOption() throws Exception {
        String man = Files.readString(Path.of("src/main/dist/send-mail.1")).replace("\\-", "-");
        String completion = Files.readString(Path.of("src/main/dist/send-mail.bash-completion"));
        for (Option o : CliOptions.build().getOptions()) {
            String name = "--" + o.getLongOpt();
            assertTrue(man.contains(name), "send-mail.1 lacks " + name);
            assertTrue(completion.contains(name), "the bash completion lacks " + name);
        }
    }
}
