package dev.sendmail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Files only this user may read, for the cache directory (MTA-STS policies, TLS report records): directories
 * 0700, files 0600 whatever the umask, nothing opened through a symbolic link, and whole files replaced by
 * writing a temporary file with a random name and renaming it. On a file system without POSIX permissions only
 * the symbolic-link rules apply.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} and missing parents (new ones 0700), or checks an existing one: a symbolic link,
     * something that is not a directory, or a directory others may write is refused.
     *
     * @param dir the directory
     * @throws IOException with a one-line reason
     */
    public static void directory(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symbolic link; not followed");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null && !Files.exists(parent)) {
                directory(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
                Files.setPosixFilePermissions(dir, DIRECTORY);
            } catch (UnsupportedOperationException noPosix) {
                Files.createDirectories(dir);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // checked below like any existing directory
            }
        }
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(dir + " is not a directory");
            }
            return;
        }
        PosixFileAttributes a = view.readAttributes();
        if (a.isSymbolicLink()) {
            throw new IOException(dir + " is a symbolic link; not followed");
        }
        if (!a.isDirectory()) {
            throw new IOException(dir + " is not a directory");
        }
        Set<PosixFilePermission> p = a.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(dir + " is writable by others (mode " + PosixFilePermissions.toString(p)
                    + "); use a private directory (chmod 700)");
        }
    }

    /**
     * Replaces {@code file} with {@code content}: written to a new 0600 file beside it, forced to disk and
     * renamed over it.
     *
     * @param file the file
     * @param content its new content
     * @throws IOException when it cannot be written
     */
    public static void replace(Path file, byte[] content) throws IOException {
        byte[] r = new byte[12];
        RANDOM.nextBytes(r);
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + HexFormat.of().formatHex(r) + ".tmp");
        try {
            try (FileChannel ch = createNew(tmp)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Creates a new file, 0600 whatever the umask, refusing any existing file or link by that name.
     *
     * @param file the file to create
     * @return the channel, open for writing; the caller closes it
     * @throws IOException when it exists or cannot be created
     */
    public static FileChannel createNew(Path file) throws IOException {
        Set<OpenOption> opts = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, opts, PosixFilePermissions.asFileAttribute(FILE));
        } catch (UnsupportedOperationException noPosix) {
            return FileChannel.open(file, opts);
        }
        try {
            // the umask may have taken bits away; the mode is exactly 0600 from here on
            Files.setPosixFilePermissions(file, FILE);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    /**
     * Reads a whole file of at most {@code max} octets, never through a symbolic link.
     *
     * @param file the file
     * @param max the most octets accepted
     * @return the content
     * @throws IOException when it cannot be read or is larger than {@code max}
     */
    public static byte[] read(Path file, int max) throws IOException {
        try (InputStream in = open(file)) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw new IOException(file + " is larger than " + max + " octets");
            }
            return b;
        }
    }

    /**
     * Opens a file to read, never through a symbolic link.
     *
     * @param file the file
     * @return the stream; the caller closes it
     * @throws IOException when it cannot be opened, naming a symbolic link as such
     */
    public static InputStream open(Path file) throws IOException {
        try {
            return Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            if (Files.isSymbolicLink(file)) {
                throw new FileSystemException(file.toString(), null, "is a symbolic link; not followed");
            }
            throw e;
        }
    }
}
