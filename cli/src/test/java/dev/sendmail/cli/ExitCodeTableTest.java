package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sendmail.cli.config.Environment;
import dev.sendmail.spi.Providers;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.RefusingPort;
import dev.sendmail.testkit.SmtpScript;
import dev.sendmail.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit-code table: the README's table, the man page's EXIT STATUS and {@code --help} list the same codes,
 * and every code listed is produced by a run of the command made here for it (one case per row, each run
 * in-process against the fake server, a refusing port or a test resolver).
 */
class ExitCodeTableTest {

    @TempDir
    Path home;

    Environment env;

    private static final String MESSAGE = "From: a@a.test\nTo: b@b.test\nSubject: codes\n\nhello\n";

    @BeforeEach
    void setUp() {
        assumeTrue(Providers.transports(getClass().getClassLoader()).names().contains("socket"),
                "transport-socket is not on the class path");
        env = CliRun.env(home);
    }

    /** A run of the command, against whatever it needs. */
    private interface Case {
        CliRun run() throws Exception;
    }

    private static List<String> server(int port, String... more) {
        List<String> a = new ArrayList<>(List.of("--server", "localhost:" + port, "--tls", "off", "--timeout", "10",
                "-f", "a@a.test"));
        a.addAll(List.of(more));
        return a;
    }

    private CliRun run(List<String> args) {
        return CliRun.run(env, MESSAGE, args.toArray(String[]::new));
    }

    private CliRun against(SmtpScript script, String... args) throws Exception {
        try (FakeSmtpServer s = FakeSmtpServer.start(script)) {
            return run(server(s.port(), args));
        }
    }

    private Map<Integer, Case> cases() {
        Map<Integer, Case> c = new TreeMap<>();
        c.put(0, () -> against(SmtpScript.accepting(), "b@b.test"));
        c.put(64, () -> run(List.of("--no-such-option", "b@b.test")));
        c.put(65, () -> against(SmtpScript.accepting(), "not an address"));
        c.put(66, () -> run(List.of("--config", home.resolve("missing.rc").toString(), "b@b.test")));
        c.put(67, () -> against(SmtpScript.accepting().on("RCPT", "550 5.1.1 User unknown"), "b@b.test"));
        c.put(68, () -> run(List.of("--server", "auto", "--resolver", "srvtest", "--cafile",
                TestCertificates.get().caBundle().toString(), "--timeout", "10", "-f", "a@localhost", "b@b.test")));
        c.put(69, () -> against(SmtpScript.accepting(), "-N", "failure", "b@b.test"));
        c.put(73, () -> {
            Path notADirectory = Files.writeString(home.resolve("queue"), "");
            return run(List.of("--queue-dir", notADirectory.toString(), "--queue-list"));
        });
        c.put(74, () -> CliRun.run(new Environment(env.user(), home.resolve("no-such-directory"), false, false,
                env.clock()), MESSAGE, server(25, "b@b.test").toArray(String[]::new)));
        c.put(75, () -> {
            try (RefusingPort refused = RefusingPort.open()) {
                return run(server(refused.port(), "b@b.test"));
            }
        });
        c.put(76, () -> against(SmtpScript.accepting().greeting("220 fake.test ESMTP ready\n250 2.0.0 Ok"),
                "b@b.test"));
        c.put(77, () -> against(SmtpScript.accepting().on("MAIL", "530 5.7.0 Authentication required"),
                "b@b.test"));
        c.put(78, () -> {
            Path rc = home.resolve("bad.rc");
            Files.writeString(rc, "account default\nhost localhost\nno_such_key on\n");
            return run(List.of("--config", rc.toString(), "b@b.test"));
        });
        return c;
    }

    private static TreeSet<Integer> codes(Pattern p, String text) {
        TreeSet<Integer> codes = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            codes.add(Integer.parseInt(m.group(1)));
        }
        return codes;
    }

    private static String section(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, "missing " + start);
        int to = text.indexOf(end, from + start.length());
        return text.substring(from, to < 0 ? text.length() : to);
    }

    @Test
    void readmeManPageAndHelpListTheSameCodes() throws Exception {
        TreeSet<Integer> readme = codes(Pattern.compile("(?m)^\\| (\\d+) \\|"),
                section(Files.readString(Path.of("../README.md")), "### Exit codes", "\n#"));
        TreeSet<Integer> man = codes(Pattern.compile("(?m)^\\.B (\\d+)$"),
                section(Files.readString(Path.of("src/main/dist/send-mail.1")), ".SH EXIT STATUS", "\n.SH "));
        CliRun help = CliRun.run(env, "", "--help");
        TreeSet<Integer> helpCodes = codes(Pattern.compile("\\b(\\d{1,2}) [a-z]"),
                section(help.out().replaceAll("\\s+", " "), "Exit codes", "See send-mail(1)"));
        assertFalse(readme.isEmpty());
        assertEquals(readme, man, "README table and man page EXIT STATUS");
        assertEquals(readme, helpCodes, "README table and --help");
        assertEquals(readme, new TreeSet<>(cases().keySet()), "every row has a case below, and only those");
    }

    @Test
    void everyRowOfTheTableHappens() throws Exception {
        for (Map.Entry<Integer, Case> e : cases().entrySet()) {
            CliRun r = e.getValue().run();
            assertEquals(e.getKey(), r.code(), "row " + e.getKey() + ": " + r);
            if (e.getKey() != 0) {
                assertFalse(r.err().isBlank(), "row " + e.getKey() + " says why on stderr");
            }
        }
    }
}
