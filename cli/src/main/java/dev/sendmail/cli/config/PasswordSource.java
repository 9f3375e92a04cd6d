package dev.sendmail.cli.config;

import dev.sendmail.api.Secret;
import dev.sendmail.cli.options.ValueChecks;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.cli.output.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where a password comes from. Never from a command-line argument: a file, an environment variable, a
 * command (msmtp's passwordeval), or the configuration file. The value is read only when needed and its
 * content never appears in a message.
 */
public sealed interface PasswordSource {

    /** At most this many octets are read from any source. */
    int MAX_OCTETS = 8192;

    Secret read(Environment env) throws CliException;

    /**
     * Where the password comes from, as recorded in a queue entry so a later run reads it from the same place:
     * {@code file:PATH}, {@code env:VARIABLE}, {@code command:CMD}, or {@code account} for a password written
     * in the configuration account. Never the password.
     */
    String locator();

    /**
     * The source a queue entry recorded.
     *
     * @param account the configuration account, for {@code account}
     * @throws CliException (78) for a locator this version does not know, or an account without a password
     */
    static PasswordSource fromLocator(String locator, Optional<Account> account) throws CliException {
        if (locator.startsWith("file:")) {
            return new FromFile(Path.of(locator.substring(5)));
        }
        if (locator.startsWith("env:")) {
            return new FromEnvironment(locator.substring(4));
        }
        if (locator.startsWith("command:")) {
            return new FromCommand(locator.substring(8));
        }
        if (locator.equals("account")) {
            Optional<String> pw = account.flatMap(a -> a.get(ConfigKey.PASSWORD));
            if (pw.isEmpty()) {
                throw CliException.config("the configuration account no longer has the password it was queued with");
            }
            return new Literal(Secret.of(pw.get()));
        }
        throw CliException.config("unknown password source '" + ValueChecks.printable(locator) + "'");
    }

    /** The first line of a file. */
    record FromFile(Path file) implements PasswordSource {
        @Override
        public String locator() {
            return "file:" + file.toAbsolutePath();
        }

        @Override
        public Secret read(Environment env) throws CliException {
            try (InputStream in = Files.newInputStream(file)) {
                return firstLine(in.readNBytes(MAX_OCTETS), "password file " + file);
            } catch (java.nio.file.NoSuchFileException e) {
                throw CliException.config("password file " + file + " does not exist");
            } catch (IOException e) {
                throw new CliException(ExitCodes.NO_PERMISSION, "cannot read password file " + file + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
    }

    /** An environment variable. */
    record FromEnvironment(String variable) implements PasswordSource {
        @Override
        public String locator() {
            return "env:" + variable;
        }

        @Override
        public Secret read(Environment env) throws CliException {
            String v = env.variables().get(variable);
            if (v == null) {
                throw CliException.config("environment variable " + variable + " (--password-env) is not set");
            }
            return firstLine(v.getBytes(StandardCharsets.UTF_8), "environment variable " + variable);
        }
    }

    /** The first line a shell command prints. */
    record FromCommand(String command) implements PasswordSource {
        @Override
        public String locator() {
            return "command:" + command;
        }

        @Override
        public Secret read(Environment env) throws CliException {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            try {
                Process p = pb.start();
                byte[] out;
                try (InputStream in = p.getInputStream()) {
                    out = in.readNBytes(MAX_OCTETS);
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw CliException.config("password command did not finish within 60 seconds");
                }
                if (p.exitValue() != 0) {
                    throw CliException.config("password command failed with exit status " + p.exitValue());
                }
                return firstLine(out, "password command");
            } catch (IOException e) {
                throw CliException.config("cannot run password command: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.config("interrupted while running the password command");
            }
        }
    }

    /** A plain {@code password} line of the configuration file. */
    record Literal(Secret secret) implements PasswordSource {
        @Override
        public String locator() {
            return "account";
        }

        @Override
        public Secret read(Environment env) {
            return secret;
        }
    }

    private static Secret firstLine(byte[] bytes, String what) throws CliException {
        int end = 0;
        while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
            end++;
        }
        if (end == 0) {
            throw CliException.config(what + " gave an empty password");
        }
        String s = new String(bytes, 0, end, StandardCharsets.UTF_8);
        if (ValueChecks.firstControlButTab(s) >= 0) {
            throw CliException.config(what + " gave a password with control characters");
        }
        java.util.Arrays.fill(bytes, (byte) 0);
        return Secret.of(s);
    }
}
