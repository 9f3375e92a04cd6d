package dev.sendmail.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one queue directory: {@code ID.msg}, {@code ID.entry} and {@code ID.lock}, the {@code corrupt/}
 * and {@code failed/} subdirectories, and how each is written durably (a forced temporary file renamed into
 * place, then the directory synced). Immutable; the locks that make changes safe are the caller's.
 */
final class QueueDirectory {

    private final Path dir;

    QueueDirectory(Path dir) {
        this.dir = dir;
    }

    Path path() {
        return dir;
    }

    Path messageFile(String id) {
        return dir.resolve(id + ".msg");
    }

    Path entryFile(String id) {
        return dir.resolve(id + ".entry");
    }

    Path lockFile(String id) {
        return dir.resolve(id + ".lock");
    }

    /** The entry files, sorted by name; hidden (temporary) ones are left out. */
    List<Path> entryFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.entry")) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(".")) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        return files;
    }

    static String idOf(Path entryFile) {
        String n = entryFile.getFileName().toString();
        return n.substring(0, n.length() - ".entry".length());
    }

    /**
     * Copies {@code in} to a new temporary file beside {@code name} in {@code where}, forced to disk; a file that
     * could not be written whole is removed (on a full disk it holds the space that is missing).
     */
    static Path writeTemporary(Path where, String name, InputStream in) throws IOException {
        return writeTemporary(where, name, ch -> in.transferTo(Channels.newOutputStream(ch)));
    }

    /** Writes {@code bytes} like {@link #writeTemporary(Path, String, InputStream)}. */
    static Path writeTemporary(Path where, String name, byte[] bytes) throws IOException {
        return writeTemporary(where, name, ch -> ch.write(ByteBuffer.wrap(bytes)));
    }

    private interface Writing {
        void into(FileChannel ch) throws IOException;
    }

    private static Path writeTemporary(Path where, String name, Writing writing) throws IOException {
        Path temp = QueueFiles.temporary(where, name);
        FileChannel created = QueueFiles.createNew(temp);
        try (FileChannel ch = created) {
            writing.into(ch);
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            discard(temp, e);
            throw e;
        }
        return temp;
    }

    /** Removes a file this process created and gave up; a failure to is added to {@code cause}. */
    static void discard(Path file, Exception cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    void writeEntry(QueueEntry entry) throws IOException {
        Path temp = writeTemporary(dir, entry.id() + ".entry", QueueEntryCodec.format(entry));
        move(temp, entryFile(entry.id()));
    }

    /** Removes an entry whose lock the caller holds; the entry goes first, so no run sees a half-removed one. */
    void remove(String id) throws IOException {
        Files.deleteIfExists(entryFile(id));
        sync();
        Files.deleteIfExists(messageFile(id));
        Files.deleteIfExists(lockFile(id));
    }

    /** Moves an unreadable entry and its message to {@code corrupt/}; returns the line that says so. */
    String moveAside(String id, String why) throws IOException {
        Path corrupt = dir.resolve("corrupt");
        QueueFiles.prepareDirectory(corrupt);
        for (String ext : new String[] {".entry", ".msg"}) {
            Path p = dir.resolve(id + ext);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(p, corrupt.resolve(id + ext), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.deleteIfExists(lockFile(id));
        return "moved to " + corrupt + ": " + QueueEntry.oneLine(why);
    }

    /** The header section of a queued message, at most 16 KiB, for a bounce. */
    String messageHeaders(String id) {
        try (InputStream in = QueueFiles.open(messageFile(id))) {
            byte[] head = in.readNBytes(16 * 1024);
            String s = new String(head, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
            int end = s.indexOf("\n\n");
            return end >= 0 ? s.substring(0, end + 1) : s;
        } catch (IOException e) {
            return "";
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes renames durable; not every file system lets a directory be opened, which is harmless. */
    void sync() {
        sync(dir);
    }

    static void sync(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }
}
