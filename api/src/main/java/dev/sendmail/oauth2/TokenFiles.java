package dev.sendmail.oauth2;

import dev.sendmail.internal.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold tokens, on top of {@link PrivateFiles} (0700 directories, 0600 files, no symbolic links, atomic
 * replacement): a token file that group or others may read or write is refused, not used.
 */
final class TokenFiles {

    static final int MAX_BYTES = 64 * 1024;

    private TokenFiles() {
    }

    /**
     * Refuses a file that group or others can read or write (on file systems with POSIX permissions).
     *
     * @throws InsecureFileException naming the file and the fix
     */
    static void checkPrivate(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
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
        return PrivateFiles.read(file, MAX_BYTES);
    }

    /** Replaces {@code file} with {@code content} atomically, owner-only, in a private directory. */
    static void replace(Path file, byte[] content) throws IOException {
        PrivateFiles.directory(file.toAbsolutePath().getParent());
        PrivateFiles.replace(file, content);
    }

    /** Creates missing directories 0700; refuses one others may write. */
    static void createPrivateDirectories(Path dir) throws IOException {
        PrivateFiles.directory(dir);
    }
}
