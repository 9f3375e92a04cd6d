package dev.sendmail.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.cli.CliRun;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.config.CliConfigMapper;
import dev.sendmail.config.Account;
import dev.sendmail.config.ConfigFile;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.cli.options.CliOptions;
import dev.sendmail.queue.QueueRoute;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route a queue entry records ({@link dev.sendmail.config.QueueRoutes}) is the route a queue run rebuilds, from
 * the command line's options on: no choice is dropped on the way.
 */
class QueueRoutesTest {

    @TempDir
    Path home;

    private Invocation invocation(String... args) throws Exception {
        Environment env = CliRun.env(home);
        var cl = DefaultParser.builder().setAllowPartialMatching(false).get().parse(CliOptions.build(), args);
        return new Invocation(CliConfigMapper.map(cl, List.of(), Account.EMPTY, env), env,
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                ConfigFile.NONE, ConfigFile.NONE.choose(Optional.empty(), Optional.empty()));
    }

    private static QueueRoute route(CliConfig c) {
        return dev.sendmail.config.QueueRoutes.of(c.server(), c.account());
    }

    /** What a queue run delivers the route with: the run's settings with the recorded route's server settings. */
    private static CliConfig rebuild(QueueRoute route, Invocation run) throws Exception {
        var s = dev.sendmail.config.QueueRoutes.settings(route, run.config().server(), run.configFile(),
                run.env().user());
        return run.config().withServer(s, route.account());
    }

    @Test
    void submissionDiscoveryIsRecordedAndRebuiltNotTurnedIntoMxDelivery() throws Exception {
        Invocation queued = invocation("--server", "auto", "-f", "a@a.test", "b@b.test");
        QueueRoute route = route(queued.config());
        assertTrue(route.discoverSubmission(), route.toString());
        CliConfig rebuilt = rebuild(route, invocation("--queue-run", "--queue-dir", home.resolve("q").toString()));
        assertTrue(rebuilt.server().routing().discoverSubmission(), "SRV discovery, not direct MX delivery");
        assertEquals(queued.config().server().routing().smartHost(), rebuilt.server().routing().smartHost());
        assertEquals(queued.config().server().security(), rebuilt.server().security(),
                "no mode chosen: each SRV host keeps its own");
        Invocation chosen = invocation("--server", "auto", "--tls", "smtps", "-f", "a@a.test", "b@b.test");
        assertEquals(chosen.config().server().security(), rebuild(route(chosen.config()),
                invocation("--queue-run", "--queue-dir", home.resolve("q").toString())).server().security());
    }

    @Test
    void aSmartHostRouteRebuildsTheSameRoutingAndTrust() throws Exception {
        Invocation queued = invocation("--server", "relay.test:2525", "--tls", "smtps", "--tls-fingerprint",
                "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",
                "--helo", "client.test", "--route", "x.test=mx.x.test:26", "--transport", "jakarta",
                "-f", "a@a.test", "b@b.test");
        CliConfig rebuilt = rebuild(route(queued.config()),
                invocation("--queue-run", "--queue-dir", home.resolve("q").toString()));
        CliConfig c = queued.config();
        assertEquals(c.server().routing().smartHost(), rebuilt.server().routing().smartHost());
        assertEquals(c.server().routing().transport(), rebuilt.server().routing().transport());
        assertEquals(c.server().routing().heloName(), rebuilt.server().routing().heloName());
        assertEquals(c.server().routing().routes(), rebuilt.server().routing().routes());
        assertEquals(c.server().security(), rebuilt.server().security());
        for (String[] args : new String[][] {{"--server", "relay.test:465"}, {"--server", "relay.test"}, {}}) {
            Invocation dflt = invocation(java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("-f", "a@a.test", "b@b.test")).toArray(String[]::new));
            assertEquals(dflt.config().server().security().tlsMode(), rebuild(route(dflt.config()),
                    invocation("--queue-run", "--queue-dir", home.resolve("q").toString())).server().security()
                    .tlsMode(),
                    String.join(" ", args));
        }
    }
}
