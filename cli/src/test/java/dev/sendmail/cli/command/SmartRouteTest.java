package dev.sendmail.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.TlsMode;
import dev.sendmail.cli.CliRun;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.config.CliConfigMapper;
import dev.sendmail.config.Account;
import dev.sendmail.config.ServerSetup;
import dev.sendmail.cli.options.CliOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmartRouteTest {

    @TempDir
    Path home;

    private CliConfig config(String... args) throws Exception {
        var cl = DefaultParser.builder().setAllowPartialMatching(false).get().parse(CliOptions.build(), args);
        return CliConfigMapper.map(cl, List.of(), Account.EMPTY, CliRun.env(home));
    }

    private static List<TlsMode> modes(CliConfig c) {
        TlsMode mode = c.server().security().tlsMode();
        return ServerSetup.smartRoute(c.server()).hosts().stream().map(h -> h.tlsMode(mode)).toList();
    }

    @Test
    void eachHostsPortDecidesItsTlsModeUnlessOneWasNamed() throws Exception {
        CliConfig c = config("--server", "a.test:587", "--server", "b.test:465", "--server", "c.test", "b@b.test");
        assertEquals(List.of(TlsMode.STARTTLS, TlsMode.SMTPS, TlsMode.STARTTLS), modes(c));
        assertEquals(List.of("a.test", "b.test", "c.test"),
                ServerSetup.smartRoute(c.server()).hosts().stream().map(MailHost::name).toList());
        assertEquals(List.of(TlsMode.SMTPS, TlsMode.STARTTLS), modes(config("--server", "a.test:465", "--server",
                "b.test:587", "b@b.test")));
        assertEquals(List.of(TlsMode.STARTTLS, TlsMode.STARTTLS), modes(config("--tls", "starttls", "--server",
                "a.test:587", "--server", "b.test:465", "b@b.test")), "--tls names the mode of every host");
    }
}
