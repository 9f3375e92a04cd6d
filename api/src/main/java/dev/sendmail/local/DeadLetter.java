package dev.sendmail.local;

import dev.sendmail.api.Envelope;
import dev.sendmail.api.HeaderBlock;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.ControlCharacters;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Appends an undelivered message to a mailbox file (~/dead.letter) in mboxrd format: a {@code From } line with
 * the envelope sender and the date, {@code X-Undelivered-To:} lines naming who did not get it, the message with
 * CRLF turned into LF and every line matching {@code >*From } quoted with one more {@code >}, then an empty line.
 * Only the recipients still undelivered are named, so that {@code send-mail -t} fed an entry resends it to them
 * alone ({@link #UNDELIVERED_TO}).
 * The file is created readable only by its owner (an existing one is tightened to 0600), never written through
 * a symbolic link, and locked while written.
 */
public final class DeadLetter implements UndeliveredHandler {

    /**
     * The field that names the recipients a kept message still has to reach. A program that resends an entry
     * ({@code send-mail -t}) sends it to these alone and never sends the field on (it may name Bcc recipients).
     */
    public static final String UNDELIVERED_TO = "X-Undelivered-To";

    /**
     * The recipients a message kept here still has to reach: the mailboxes of its {@link #UNDELIVERED_TO} fields.
     *
     * @param header the header of a message read back from the file
     * @return the recipients; empty when the message has no such field (it was not kept here)
     * @throws IllegalArgumentException with a one-line reason for an address that does not parse
     */
    public static List<Mailbox> undeliveredTo(HeaderBlock header) {
        return header.addresses(UNDELIVERED_TO);
    }

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    /**
     * The mbox From line's date, in a holder class: every send makes a DeadLetter, few write one, and the
     * formatter loads about 25 classes of java.time.format at start-up.
     */
    private static final class Asctime {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
                Locale.ENGLISH);
    }

    private final Path file;
    private final Clock clock;

    /**
     * @param file the mailbox file, such as {@code ~/dead.letter}; created when missing
     * @param clock for the date of the {@code From } line
     */
    public DeadLetter(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    Path file() {
        return file;
    }

    @Override
    public String keep(MessageContent content, Envelope envelope, List<Mailbox> undelivered) throws IOException {
        String sender = envelope.sender().map(Mailbox::address).orElse("MAILER-DAEMON");
        StringBuilder head = new StringBuilder();
        for (Mailbox m : undelivered) {
            head.append("X-Undelivered-To: ").append(m.address()).append('\n');
        }
        try (InputStream in = content.open()) {
            append(sender, head.toString(), in);
        }
        return "message saved in " + file;
    }

    /**
     * Keeps a message read from standard input that was never addressed because the command failed first (a
     * configuration error, a recipient that cannot be resolved): the recipients as given and the reason go in
     * {@code X-Undelivered-To:} and {@code X-Send-Mail-Error:} lines, every control character made visible.
     *
     * @return one line for the user
     */
    @Override
    public String keepUnsent(InputStream message, List<String> recipients, String reason) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String r : recipients) {
            head.append("X-Undelivered-To: ").append(ControlCharacters.escape(r)).append('\n');
        }
        head.append("X-Send-Mail-Error: ").append(ControlCharacters.escape(reason)).append('\n');
        append("MAILER-DAEMON", head.toString(), message);
        return "message saved in " + file;
    }

    /**
     * Keeps what a sendmail-compatible program read from standard input when it failed before it could send (wrong
     * settings, a recipient it cannot use), as {@link #keepUnsent} does; empty input is not kept, as there is
     * nothing to lose.
     *
     * @param input standard input, not yet read; read to its end
     * @param recipients the recipients as given on the command line, unchecked
     * @param reason why nothing was sent, one line
     * @return one line for the user; empty when the input was empty and nothing was written
     * @throws IOException when the input cannot be read or the file cannot be written
     */
    public Optional<String> keepUnsentInput(InputStream input, List<String> recipients, String reason)
            throws IOException {
        PushbackInputStream in = new PushbackInputStream(input, 1);
        int first = in.read();
        if (first < 0) {
            return Optional.empty();
        }
        in.unread(first);
        return Optional.of(keepUnsent(in, recipients, reason));
    }

    @SuppressWarnings("try") // the lock is held for the block and released by its end
    private void append(String sender, String extraHeaders, InputStream message) throws IOException {
        Set<StandardOpenOption> opts = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try (FileChannel ch = open(opts); FileLock lock = ch.lock()) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch));
            String from = "From " + sender + ' ' + Asctime.FORMAT.format(ZonedDateTime.now(clock)) + '\n';
            out.write((from + extraHeaders).getBytes(StandardCharsets.UTF_8));
            writeQuoted(message, out);
            out.write('\n');
            out.flush();
            ch.force(true);
        }
    }

    /**
     * Opens the file to append, never through a symbolic link (someone else's link would receive the mail); a
     * new file is 0600 whatever the umask, an existing one readable by others is tightened to 0600.
     */
    private FileChannel open(Set<StandardOpenOption> opts) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + " is a symbolic link; not writing through it");
        }
        Set<OpenOption> all = new HashSet<>(opts);
        all.add(LinkOption.NOFOLLOW_LINKS);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, all, PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(file, all);
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(file)) {
                throw new IOException(file + " is a symbolic link; not writing through it");
            }
            throw e;
        }
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (view != null && !view.readAttributes().permissions().equals(PRIVATE)) {
                view.setPermissions(PRIVATE);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    /** Copies a message in mboxrd form: LF line ends, {@code >*From } lines quoted, a final LF. */
    static void writeQuoted(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        boolean lineStart = true;
        boolean pendingCr = false;
        byte[] prefix = new byte[64];
        int prefixLen = 0;  // octets held at a line start while deciding whether it is a From line
        boolean lastWasLf = true;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (pendingCr) {
                    pendingCr = false;
                    if (b == '\n') {
                        continue;
                    }
                }
                if (b == '\r' || b == '\n') {
                    if (prefixLen > 0) {
                        out.write(prefix, 0, prefixLen);
                        prefixLen = 0;
                    }
                    out.write('\n');
                    lastWasLf = true;
                    lineStart = true;
                    pendingCr = b == '\r';
                    continue;
                }
                lastWasLf = false;
                if (lineStart) {
                    if (prefixLen < prefix.length) {
                        prefix[prefixLen++] = b;
                    }
                    int state = fromState(prefix, prefixLen);
                    if (state == 0) {
                        continue; // still could be >*From
                    }
                    if (state == 2) {
                        out.write('>');
                    }
                    out.write(prefix, 0, prefixLen);
                    prefixLen = 0;
                    lineStart = false;
                    continue;
                }
                out.write(b);
            }
        }
        if (prefixLen > 0) {
            out.write(prefix, 0, prefixLen);
            lastWasLf = false;
        }
        if (!lastWasLf) {
            out.write('\n');
        }
    }

    /**
     * Whether the octets at a line start are a prefix of {@code >*From }: 0 undecided, 1 not a From line, 2 a
     * From line (quote it). The buffer holds 64 octets: a line starting with more '>' than that is written as is.
     */
    private static int fromState(byte[] p, int len) {
        int i = 0;
        while (i < len && p[i] == '>') {
            i++;
        }
        byte[] from = {'F', 'r', 'o', 'm', ' '};
        int j = 0;
        while (i < len && j < from.length) {
            if (p[i] != from[j]) {
                return 1;
            }
            i++;
            j++;
        }
        if (j == from.length) {
            return 2;
        }
        return len == p.length ? 1 : 0;
    }
}
