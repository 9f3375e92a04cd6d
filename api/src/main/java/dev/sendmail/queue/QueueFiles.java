package dev.sendmail.queue;

import dev.sendmail.internal.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The file rules of a queue directory: the directory is 0700 and every file 0600 whatever the umask, no file
 * is opened through a symbolic link, and temporary names are random. On a file system without POSIX
 * permissions only the symbolic-link rules apply.
 */
final class QueueFiles {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private static final SecureRandom RANDOM = new SecureRandom();

    private QueueFiles() {
    }

    /**
     * Creates {@code dir} (0700) or checks an existing one: a symbolic link, something that is not a directory,
     * or a directory others may write is refused; one owned by this user is tightened to 0700.
     */
    static void prepareDirectory(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException("queue directory " + dir + " is a symbolic link; give the real directory");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } catch (UnsupportedOperationException noPosix) {
                Files.createDirectory(dir);
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
            throw new IOException("queue directory " + dir + " is a symbolic link; give the real directory");
        }
        if (!a.isDirectory()) {
            throw new IOException(dir + " is not a directory");
        }
        Set<PosixFilePermission> p = a.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException("queue directory " + dir + " is writable by others (mode "
                    + PosixFilePermissions.toString(p) + "); use a private directory (chmod 700)");
        }
        if (!p.equals(DIRECTORY) && isMine(dir)) {
            view.setPermissions(DIRECTORY);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("queue directory is not writable: " + dir);
        }
    }

    /** True when this process owns {@code path} (it could create a file it owns there). */
    private static boolean isMine(Path path) {
        try {
            return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Creates a new file, 0600, refusing any existing file or link by that name. */
    static FileChannel createNew(Path file) throws IOException {
        return PrivateFiles.createNew(file);
    }

    /**
     * Opens a lock file, creating it 0600, never through a symbolic link. Another process may remove the file
     * at any moment (a run that has just delivered the entry removes its lock file): between the failed creation
     * and the open, or between the creation and the setting of its mode. Then it is tried again, a bounded
     * number of times.
     */
    static FileChannel openLock(Path file) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                try {
                    return createNew(file);
                } catch (java.nio.file.FileAlreadyExistsException exists) {
                    return FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                }
            } catch (java.nio.file.NoSuchFileException removedMeanwhile) {
                if (attempt == LOCK_OPEN_ATTEMPTS) {
                    throw removedMeanwhile;
                }
            }
        }
    }

    private static final int LOCK_OPEN_ATTEMPTS = 100;

    /** Reads a whole file, never through a symbolic link. */
    static byte[] read(Path file, int max) throws IOException {
        try (InputStream in = open(file)) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw new IllegalArgumentException("entry is larger than " + max + " bytes");
            }
            return b;
        }
    }

    /** Opens a file to read, never through a symbolic link. */
    static InputStream open(Path file) throws IOException {
        return PrivateFiles.open(file);
    }

    /** A temporary name beside {@code base}: hidden, random, never guessed in advance. */
    static Path temporary(Path dir, String base) {
        byte[] r = new byte[16];
        RANDOM.nextBytes(r);
        return dir.resolve("." + base + "." + HexFormat.of().formatHex(r) + ".tmp");
    }
}
