package dev.sendmail.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * This host's fully qualified domain name, as {@code hostname -f} finds it, computed in the JVM without running
 * anything: the host name when it already has a dot; else the canonical (first) name of the {@code /etc/hosts}
 * line that lists the host name; else the canonical name the resolver gives for the host name's address. Only a
 * valid domain name counts (letters, digits and hyphens in dot-separated labels, at least two labels, not a
 * {@code localhost} or {@code localdomain} name, not an address); without one there is none, and the transport
 * sends its address literal in EHLO.
 */
public final class FullyQualifiedName {

    private static final int MAX_HOSTS_FILE = 1 << 20;

    private FullyQualifiedName() {
    }

    /**
     * The name for this host, looked up once per call (reads the kernel's host name and /etc/hosts).
     *
     * @return the fully qualified name, empty when this host has no valid one
     */
    public static Optional<String> current() {
        Optional<String> host = firstLine(Path.of("/proc/sys/kernel/hostname"));
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String hosts;
        try {
            Path p = Path.of("/etc/hosts");
            hosts = Files.isRegularFile(p) && Files.size(p) <= MAX_HOSTS_FILE
                    ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            hosts = "";
        }
        return of(host.get(), hosts, FullyQualifiedName::canonical);
    }

    /**
     * @param hostName the host name
     * @param etcHosts the content of /etc/hosts
     * @param resolver the canonical name the resolver gives for a host name, if any
     * @return the fully qualified name, empty when there is no valid one
     */
    static Optional<String> of(String hostName, String etcHosts, Function<String, Optional<String>> resolver) {
        String host = hostName.strip();
        if (valid(host)) {
            return Optional.of(host);
        }
        for (String line : etcHosts.split("\n")) {
            int hash = line.indexOf('#');
            String[] f = (hash >= 0 ? line.substring(0, hash) : line).strip().split("\\s+");
            for (int i = 1; i < f.length; i++) {
                if (f[i].equalsIgnoreCase(host)) {
                    return valid(f[1]) ? Optional.of(f[1]) : Optional.empty();
                }
            }
        }
        return resolver.apply(host).filter(FullyQualifiedName::valid);
    }

    /** A domain name fit for EHLO: LDH labels, at least two, no local-only name. */
    static boolean valid(String name) {
        if (name.length() > 253 || !name.contains(".") || name.endsWith(".")) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.startsWith("localhost.") || lower.endsWith(".localdomain")
                || lower.endsWith(".local") || lower.matches("[0-9.]+")) {
            return false;
        }
        for (String label : lower.split("\\.", -1)) {
            if (!label.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> canonical(String host) {
        try {
            return Optional.of(InetAddress.getByName(host).getCanonicalHostName());
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> firstLine(Path p) {
        try {
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            String s = Files.readString(p, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("").strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
