package dev.sendmail.tlsrpt;

import dev.sendmail.internal.PrivateFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * TLS session outcomes kept on disk for TLS reports (RFC 8460): one file per policy domain and UTC day in a
 * private directory ({@code DIR/DOMAIN/YYYY-MM-DD}, directories 0700, files 0600, no symbolic links followed),
 * one line per session appended whole, so several processes can record at once.
 *
 * <p><b>Thread safety:</b> instances are thread-safe.
 */
public final class TlsReportStore {

    /** The most lines read back for one day and domain; more are left out of the report. */
    public static final int MAX_SESSIONS = 1_000_000;

    private static final int MAX_LINE = 200_000;

    private final Path dir;

    /**
     * A store in {@code dir} (for the command line: {@code tls-rpt} in the cache directory), created on the
     * first record.
     *
     * @param dir the directory
     */
    public TlsReportStore(Path dir) {
        this.dir = dir;
    }

    /**
     * The store of a cache directory: its {@code tls-rpt} directory, where direct delivery with MTA-STS records
     * its sessions and where {@code send-mail --tls-report} reads them.
     *
     * @param cacheDirectory the cache directory, such as {@code ~/.cache/send-mail}
     * @return the store
     */
    public static TlsReportStore inCache(Path cacheDirectory) {
        return new TlsReportStore(cacheDirectory.resolve("tls-rpt"));
    }

    /**
     * Appends one session to the day's file of its policy domain.
     *
     * @param at when the session took place (its UTC day picks the file)
     * @param session the outcome
     * @throws IOException when the directory or file cannot be written
     */
    public void record(Instant at, TlsSession session) throws IOException {
        Path domainDir = dir.resolve(domain(session.policyDomain()));
        PrivateFiles.directory(dir);
        PrivateFiles.directory(domainDir);
        Path file = domainDir.resolve(LocalDate.ofInstant(at, ZoneOffset.UTC).toString());
        byte[] line = (encode(session) + "\n").getBytes(StandardCharsets.UTF_8);
        Set<OpenOption> opts = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, opts, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException noPosix) {
            ch = FileChannel.open(file, opts);
        }
        try (FileChannel c = ch) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                c.write(b);
            }
        }
    }

    /**
     * The sessions recorded for {@code domain} on {@code day}; lines that cannot be read back are skipped.
     *
     * @param domain the policy domain
     * @param day the UTC day
     * @return the sessions in the order recorded
     * @throws IOException when the file exists but cannot be read
     */
    public List<TlsSession> sessions(String domain, LocalDate day) throws IOException {
        Path file = dir.resolve(domain(domain)).resolve(day.toString());
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<TlsSession> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                StandardCharsets.UTF_8))) {
            String line;
            while (out.size() < MAX_SESSIONS && (line = in.readLine()) != null) {
                if (!line.isEmpty() && line.length() <= MAX_LINE) {
                    decode(line).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** A domain as a directory name: lower case letters, digits, hyphens and dots only. */
    static String domain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.isEmpty() || d.length() > 253 || d.startsWith(".") || d.contains("..")
                || !d.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
            throw new IllegalArgumentException("not a domain name: " + domain);
        }
        return d;
    }

    /** Tab-separated fields, each base64 so that no field can hold a tab or a line end. */
    private static String encode(TlsSession s) {
        return String.join("\t", "1", s.policyType(), b64(s.policyDomain()), b64(String.join("\n", s.policyString())),
                b64(String.join("\n", s.mxHost())), b64(s.receivingMx()), b64(s.receivingIp().orElse("")),
                s.resultType().orElse("success"), b64(s.detail()));
    }

    private static Optional<TlsSession> decode(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 9 || !f[0].equals("1")) {
            return Optional.empty();
        }
        try {
            String ip = unb64(f[6]);
            return Optional.of(new TlsSession(f[1], unb64(f[2]), lines(unb64(f[3])), lines(unb64(f[4])), unb64(f[5]),
                    ip.isEmpty() ? Optional.empty() : Optional.of(ip),
                    f[7].equals("success") ? Optional.empty() : Optional.of(f[7]), unb64(f[8])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> lines(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n", -1));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
