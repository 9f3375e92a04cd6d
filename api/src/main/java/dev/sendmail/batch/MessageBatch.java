package dev.sendmail.batch;

import dev.sendmail.api.Mailbox;
import dev.sendmail.local.EnvelopeSender;
import dev.sendmail.api.MessageContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Many messages to send at once, found at one path: a directory of {@code .eml} files (such as the file
 * transport's output directory), a Maildir (the files in {@code new/} and {@code cur/}), or an mbox file (mboxrd:
 * each message starts with a {@code From } line; quoted {@code >From } lines are unquoted when read). Opening
 * lists the files or scans the mbox file for message boundaries; no message is read or held in memory: each
 * {@link BatchItem} reads its octets from the file when it is sent.
 *
 * <p>Immutable and thread-safe once opened. The files must not change until the messages have been sent.
 */
public final class MessageBatch {

    /** What a path turned out to be. */
    public enum Kind {
        /** A directory of {@code .eml} files. */
        DIRECTORY,
        /** A Maildir: the files in its {@code new/} and {@code cur/} directories. */
        MAILDIR,
        /** An mbox file. */
        MBOX
    }

    private static final byte[] FROM = {'F', 'r', 'o', 'm', ' '};

    private final Path path;
    private final Kind kind;
    private final List<BatchItem> items;
    private final List<Path> ignored;

    private MessageBatch(Path path, Kind kind, List<BatchItem> items, List<Path> ignored) {
        this.path = path;
        this.kind = kind;
        this.items = Collections.unmodifiableList(items);
        this.ignored = List.copyOf(ignored);
    }

    /**
     * Lists the messages at {@code path}: a directory with {@code cur} and {@code new} directories is a Maildir,
     * any other directory holds {@code .eml} files (names starting with a dot are skipped: files still being
     * written), and a regular file must be an mbox file. Files are taken in the order of their names.
     *
     * @param path a directory or an mbox file
     * @return the batch
     * @throws NoSuchFileException when nothing is at {@code path}
     * @throws IOException when the directory or file cannot be read, or a file is not an mbox file (it does not
     *         start with a {@code From } line)
     */
    public static MessageBatch open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            if (Files.isDirectory(path.resolve("cur")) && Files.isDirectory(path.resolve("new"))) {
                List<BatchItem> items = new ArrayList<>();
                List<Path> ignored = new ArrayList<>();
                list(path.resolve("new"), false, items, ignored);
                list(path.resolve("cur"), false, items, ignored);
                return new MessageBatch(path, Kind.MAILDIR, items, ignored);
            }
            List<BatchItem> items = new ArrayList<>();
            List<Path> ignored = new ArrayList<>();
            list(path, true, items, ignored);
            return new MessageBatch(path, Kind.DIRECTORY, items, ignored);
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + " is neither a directory nor an mbox file");
        }
        return new MessageBatch(path, Kind.MBOX, mbox(path), List.of());
    }

    /**
     * The path opened.
     *
     * @return the directory or file
     */
    public Path path() {
        return path;
    }

    /**
     * What the path is.
     *
     * @return directory, Maildir or mbox
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The messages, in file name (or mbox) order.
     *
     * @return an unmodifiable list
     */
    public List<BatchItem> items() {
        return items;
    }

    /**
     * Regular files in the directory that are not messages of the batch (not named {@code *.eml}), for a
     * note; always empty for a Maildir and an mbox file.
     *
     * @return the files passed over
     */
    public List<Path> ignored() {
        return ignored;
    }

    /**
     * What was found, for a person: {@code N message(s), KIND} ({@code directory}, {@code maildir}, {@code mbox}),
     * then {@code N file(s) not named *.eml passed over} when there were {@link #ignored()} files.
     *
     * @return one line, or two
     */
    public List<String> description() {
        String found = items.size() + " message(s), " + kind.name().toLowerCase(Locale.ROOT);
        return ignored.isEmpty() ? List.of(found)
                : List.of(found, ignored.size() + " file(s) not named *.eml passed over");
    }

    /**
     * Reads every message's envelope ({@link BatchItem#message}), in order, before any is sent (planning lanes
     * needs them all). A message that cannot be read or addressed is handed to {@code unreadable} with its
     * reason, and left out.
     *
     * @param localNames maps a recipient without a domain to mailboxes; throws {@link IllegalArgumentException}
     *        for a name it does not know
     * @param sender the envelope sender of every message (sendmail's {@code -f}, where bounces go), or
     *        {@link EnvelopeSender#NONE} for each message's own
     * @param unreadable told of each message left out, as it is met
     * @return the messages ready to send
     */
    public List<BatchMessage> read(Function<String, List<Mailbox>> localNames, EnvelopeSender sender,
                                   Consumer<BatchResult> unreadable) {
        List<BatchMessage> out = new ArrayList<>(items.size());
        for (BatchItem item : items) {
            try {
                BatchMessage m = new BatchMessage(item.name(), item.message(localNames));
                out.add(sender.isNone() ? m : m.withSender(sender.address()));
            } catch (IOException | IllegalArgumentException e) {
                unreadable.accept(BatchResult.unreadable(item.name(), "cannot read: " + e.getMessage()));
            }
        }
        return out;
    }

    private static void list(Path dir, boolean emlOnly, List<BatchItem> items, List<Path> ignored)
            throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (emlOnly && !name.endsWith(".eml")) {
                    ignored.add(p);
                } else {
                    files.add(p);
                }
            }
        }
        Collections.sort(files);
        for (Path p : files) {
            items.add(new BatchItem(p.toString(), MessageContent.of(p)));
        }
    }

    /** Splits an mbox file at its From lines; the empty line before each From line belongs to the format. */
    private static List<BatchItem> mbox(Path file) throws IOException {
        List<BatchItem> items = new ArrayList<>();
        byte[] buf = new byte[64 * 1024];
        long pos = 0;            // offset of buf[0]
        long start = -1;         // first octet of the current message (after its From line)
        long lineBegin = 0;
        int col = 0;             // octets of the current line so far
        boolean maybeFrom = true;
        boolean inFromLine = false;
        boolean lineEmpty = true;
        int emptyBefore = 0;     // the octets of the previous line when it was empty, else 0
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte c = buf[i];
                    long at = pos + i;
                    if (maybeFrom) {
                        if (c != FROM[col]) {
                            maybeFrom = false;
                        } else if (col == FROM.length - 1) {
                            maybeFrom = false;
                            inFromLine = true;
                            if (start >= 0) {
                                add(items, file, start, lineBegin - emptyBefore);
                            }
                        }
                    }
                    col++;
                    if (c == '\n') {
                        if (inFromLine) {
                            start = at + 1;
                            inFromLine = false;
                        } else if (start < 0) {
                            throw new IOException(file + " is not an mbox file (it does not start with a From line)");
                        }
                        emptyBefore = lineEmpty ? col : 0;
                        col = 0;
                        maybeFrom = true;
                        lineEmpty = true;
                        lineBegin = at + 1;
                    } else if (c != '\r') {
                        lineEmpty = false;
                    }
                }
                pos += n;
            }
        }
        if (pos == 0) {
            return items;
        }
        if (start < 0) {
            throw new IOException(file + " is not an mbox file (it does not start with a From line)");
        }
        add(items, file, start, pos - (col == 0 ? emptyBefore : 0));
        return items;
    }

    private static void add(List<BatchItem> items, Path file, long start, long end) {
        items.add(new BatchItem(file + "#" + (items.size() + 1), new FileSlice(file, start, Math.max(0, end - start),
                true)));
    }
}
