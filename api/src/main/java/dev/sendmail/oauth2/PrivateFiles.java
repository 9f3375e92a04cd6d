package dev.sendmail.oauth2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * Files that hold tokens: created 0600 in directories created 0700, replaced atomically (a temporary file in the
 * same directory, forced to disk, then renamed), read with a size bound, refused when group or others may read
 * or write them.
 */
final class PrivateFiles {

    static final int MAX_BYTES = 64 * 1024;

    private PrivateFiles() {
    }

    /**
     * Refuses a file that group or others can read or write (on file systems with POSIX permissions).
     *
     * @throws InsecureFileException naming the file and the fix
     */
    static void checkPrivate(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> p = view.readAttributes().permissions();
        for (PosixFilePermission bad : new PosixFilePermission[] {PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE}) {
            if (p.contains(bad)) {
                throw new InsecureFileException(file + " holds a token but others can access it ("
                        + PosixFilePermissions.toString(p) + "); run chmod 600 " + file);
            }
        }
    }

    /** The file's bytes after {@link #checkPrivate}, at most {@link #MAX_BYTES}; the caller wipes them. */
    static byte[] read(Path file) throws IOException {
        checkPrivate(file);
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] b = in.readNBytes(MAX_BYTES + 1);
            if (b.length > MAX_BYTES) {
                Arrays.fill(b, (byte) 0);
                throw new IOException(file + " is larger than " + MAX_BYTES + " bytes: not a token file");
            }
            return b;
        }
    }

    /** Replaces {@code file} with {@code content} atomically, owner-only; wipes nothing (the caller owns it). */
    static void replace(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        Path tmp = posix ? Files.createTempFile(dir, ".tmp-", ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".tmp-", ".part");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                out.write(content);
                out.flush();
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

    /** Creates missing directories with mode 0700. */
    static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (Files.getFileAttributeView(dir.getRoot() == null ? Path.of(".") : dir.getRoot(),
                PosixFileAttributeView.class) != null) {
            Files.createDirectories(dir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
