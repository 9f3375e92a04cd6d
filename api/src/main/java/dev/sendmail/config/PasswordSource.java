package dev.sendmail.config;

import dev.sendmail.api.Secret;
import dev.sendmail.api.ControlCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where a password comes from. Never from a command-line argument: a file, an environment variable, a
 * command (msmtp's passwordeval), or the configuration file. The value is read only when needed and its
 * content never appears in a message.
 */
public sealed interface PasswordSource {

    /** At most this many octets are read from any source. */
    int MAX_OCTETS = 8192;

    /**
     * Reads the password now (its first line; a password is never empty and has no control characters).
     *
     * @param env the environment variables, for {@link FromEnvironment}
     * @return the password; the caller destroys it when done
     * @throws ConfigException when it cannot be read ({@link ConfigException.Reason#UNREADABLE} for a password
     *         file that cannot be read, {@link ConfigException.Reason#INVALID} otherwise)
     */
    Secret read(UserEnvironment env) throws ConfigException;

    /**
     * Where the password comes from, as recorded in a queue entry so a later run reads it from the same place:
     * {@code file:PATH}, {@code env:VARIABLE}, {@code command:CMD}, or {@code account} for a password written
     * in the configuration account. Never the password.
     *
     * @return the locator
     */
    String locator();

    /**
     * The source a queue entry recorded.
     *
     * @param locator what {@link #locator()} gave
     * @param account the configuration account, for {@code account}
     * @return the source
     * @throws ConfigException ({@link ConfigException.Reason#INVALID}) for a locator this version does not know, or an account without a password
     */
    static PasswordSource fromLocator(String locator, Optional<Account> account) throws ConfigException {
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
                throw ConfigException.invalid("the configuration account no longer has the password it was queued with");
            }
            return new Literal(Secret.of(pw.get()));
        }
        throw ConfigException.invalid("unknown password source '" + ControlCharacters.escape(locator) + "'");
    }

    /**
     * The first line of a file.
     *
     * @param file the file
     */
    record FromFile(Path file) implements PasswordSource {
        @Override
        public String locator() {
            return "file:" + file.toAbsolutePath();
        }

        @Override
        public Secret read(UserEnvironment env) throws ConfigException {
            try (InputStream in = Files.newInputStream(file)) {
                return firstLine(in.readNBytes(MAX_OCTETS), "password file " + file);
            } catch (java.nio.file.NoSuchFileException e) {
                throw ConfigException.invalid("password file " + file + " does not exist");
            } catch (IOException e) {
                throw new ConfigException(ConfigException.Reason.UNREADABLE, "cannot read password file " + file + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
    }

    /**
     * An environment variable.
     *
     * @param variable its name
     */
    record FromEnvironment(String variable) implements PasswordSource {
        @Override
        public String locator() {
            return "env:" + variable;
        }

        @Override
        public Secret read(UserEnvironment env) throws ConfigException {
            String v = env.variables().get(variable);
            if (v == null) {
                throw ConfigException.invalid("environment variable " + variable + " (--password-env) is not set");
            }
            char[] chars = v.toCharArray();
            try {
                return firstLine(chars, chars.length, "environment variable " + variable);
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
    }

    /**
     * The first line a shell command prints (msmtp's passwordeval). Its output is read until it ends, within
     * {@code timeout}; a program still running or still holding its output open then is stopped, with every
     * process it started.
     *
     * @param command the command, run by {@code /bin/sh -c}
     * @param timeout how long it may take
     */
    record FromCommand(String command, Duration timeout) implements PasswordSource {

        /** How long a password command may take. */
        public static final Duration TIMEOUT = Duration.ofSeconds(60);

        /**
         * A command with the {@link #TIMEOUT}.
         *
         * @param command the command, run by {@code /bin/sh -c}
         */
        public FromCommand(String command) {
            this(command, TIMEOUT);
        }

        @Override
        public String locator() {
            return "command:" + command;
        }

        @Override
        public Secret read(UserEnvironment env) throws ConfigException {
            return run(command, timeout, (output, limit) -> output.get(limit.toNanos(), TimeUnit.NANOSECONDS));
        }

        /** Waits for the program's output; tests replace it to make the deadline pass when they choose. */
        @FunctionalInterface
        interface OutputWait {
            byte[] await(Future<byte[]> output, Duration limit)
                    throws InterruptedException, ExecutionException, TimeoutException;
        }

        static Secret run(String command, Duration timeout, OutputWait waiter) throws ConfigException {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            long end = System.nanoTime() + timeout.toNanos();
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw ConfigException.invalid("cannot run password command: " + e.getMessage());
            }
            String late = "password command did not finish within " + timeout.toSeconds()
                    + " seconds; stopped it and the processes it started";
            byte[] out = null;
            try {
                out = waiter.await(readAll(p.getInputStream()), timeout);
                if (!p.waitFor(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    stop(p);
                    throw ConfigException.invalid(late);
                }
                if (p.exitValue() != 0) {
                    throw ConfigException.invalid("password command failed with exit status " + p.exitValue());
                }
                return firstLine(out, "password command");
            } catch (TimeoutException e) {
                stop(p);
                throw ConfigException.invalid(late);
            } catch (ExecutionException e) {
                stop(p);
                throw ConfigException.invalid("cannot read the output of the password command: "
                        + e.getCause().getMessage());
            } catch (InterruptedException e) {
                stop(p);
                Thread.currentThread().interrupt();
                throw ConfigException.invalid("interrupted while running the password command");
            } finally {
                if (out != null) {
                    Arrays.fill(out, (byte) 0);
                }
            }
        }

        /** Reads up to {@link #MAX_OCTETS} and discards the rest, until the end of the output. */
        private static Future<byte[]> readAll(InputStream in) {
            CompletableFuture<byte[]> result = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try (in) {
                    byte[] b = in.readNBytes(MAX_OCTETS);
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                    result.complete(b);
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }, "send-mail-password-command");
            t.setDaemon(true);
            t.start();
            return result;
        }

        /** Kills the program and everything it started (taken before the kill, when they are still its own). */
        private static void stop(Process p) {
            List<ProcessHandle> tree = p.descendants().toList();
            p.destroyForcibly();
            for (ProcessHandle h : tree) {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            }
        }
    }

    /**
     * A plain {@code password} line of the configuration file.
     *
     * @param secret the password
     */
    record Literal(Secret secret) implements PasswordSource {
        @Override
        public String locator() {
            return "account";
        }

        /** A copy, so that the caller may destroy what it gets. */
        @Override
        public Secret read(UserEnvironment env) {
            char[] c = secret.reveal();
            try {
                return Secret.of(c);
            } finally {
                Arrays.fill(c, '\0');
            }
        }
    }

    /** The first line of {@code bytes} (UTF-8); every intermediate array is wiped. */
    private static Secret firstLine(byte[] bytes, String what) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw ConfigException.invalid(what + " gave a password that is not UTF-8");
        }
        try {
            return firstLine(chars.array(), chars.arrayOffset() + chars.limit(), what);
        } finally {
            Arrays.fill(chars.array(), '\0');
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static Secret firstLine(char[] chars, int length, String what) throws ConfigException {
        int end = 0;
        while (end < length && chars[end] != '\n' && chars[end] != '\r') {
            end++;
        }
        if (end == 0) {
            throw ConfigException.invalid(what + " gave an empty password");
        }
        if (ControlCharacters.indexOfExceptTab(CharBuffer.wrap(chars, 0, end)) >= 0) {
            throw ConfigException.invalid(what + " gave a password with control characters");
        }
        char[] line = Arrays.copyOf(chars, end);
        try {
            return Secret.of(line);
        } finally {
            Arrays.fill(line, '\0');
        }
    }
}
