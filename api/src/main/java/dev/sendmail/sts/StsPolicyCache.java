package dev.sendmail.sts;

import dev.sendmail.internal.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * MTA-STS policies kept on disk between runs, one file per policy domain in a private directory (0700, files
 * 0600, nothing followed through a symbolic link, each file replaced whole by a rename), so that a policy
 * protects deliveries for its whole {@code max_age} even when an attacker later blocks the HTTPS fetch or the
 * TXT record (RFC 8461 sections 5.1 and 10.2).
 *
 * <p>A file that cannot be read back (damaged, from a newer version) counts as absent and is replaced by the
 * next successful fetch.
 *
 * <p><b>Thread safety:</b> instances are thread-safe; two processes writing the same domain at once leave one
 * of the two complete files.
 */
public final class StsPolicyCache {

    private static final String MAGIC = "send-mail mta-sts cache 1";
    private static final int MAX_FILE = StsPolicy.MAX_BYTES + 1024;

    private final Path dir;

    /**
     * A cache in {@code dir} (for the command line: {@code mta-sts} in the cache directory). The directory is
     * created when the first policy is stored.
     *
     * @param dir the directory
     */
    public StsPolicyCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The directory the policies are kept in.
     *
     * @return the directory
     */
    public Path directory() {
        return dir;
    }

    /**
     * The policy kept for {@code domain}, whether or not it has expired.
     *
     * @param domain the policy domain
     * @return the policy; empty when none is kept or the file cannot be read back
     * @throws IOException when the directory or file exists but cannot be read (permissions, a symbolic link)
     */
    public Optional<CachedPolicy> read(String domain) throws IOException {
        Path file = file(domain);
        byte[] bytes;
        try {
            bytes = PrivateFiles.read(file, MAX_FILE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return decode(new String(bytes, StandardCharsets.UTF_8), domain(domain));
    }

    /**
     * Keeps {@code policy}, replacing what was kept for its domain.
     *
     * @param policy the policy
     * @throws IOException when the directory or file cannot be written
     */
    public void write(CachedPolicy policy) throws IOException {
        PrivateFiles.directory(dir);
        String text = MAGIC + "\n" + "domain: " + policy.domain() + "\n" + "id: " + policy.id() + "\n" + "fetched: "
                + policy.fetched() + "\n\n" + policy.policy().text();
        PrivateFiles.replace(file(policy.domain()), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Forgets the policy of {@code domain}.
     *
     * @param domain the policy domain
     * @throws IOException when the file exists but cannot be removed
     */
    public void remove(String domain) throws IOException {
        Files.deleteIfExists(file(domain));
    }

    private Path file(String domain) {
        return dir.resolve(domain(domain) + ".policy");
    }

    /** The domain as a file name: lower case, a valid host name, so no path can be smuggled in. */
    private static String domain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (!StsPolicy.isDomain(d)) {
            throw new IllegalArgumentException("not a domain name: " + StsPolicy.quote(domain));
        }
        return d;
    }

    private static Optional<CachedPolicy> decode(String text, String domain) {
        int blank = text.indexOf("\n\n");
        if (!text.startsWith(MAGIC + "\n") || blank < 0) {
            return Optional.empty();
        }
        String id = null;
        Instant fetched = null;
        String stored = null;
        for (String line : text.substring(MAGIC.length() + 1, blank).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                return Optional.empty();
            }
            String v = line.substring(colon + 2);
            switch (line.substring(0, colon)) {
                case "domain" -> stored = v;
                case "id" -> id = v;
                case "fetched" -> {
                    try {
                        fetched = Instant.parse(v);
                    } catch (DateTimeParseException e) {
                        return Optional.empty();
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (!domain.equals(stored) || id == null || fetched == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CachedPolicy(domain, id, fetched, StsPolicy.parse(text.substring(blank + 2))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
