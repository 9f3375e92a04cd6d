package dev.sendmail.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * The default file system seen through a view that can be made to fail the way a real one does, for code that
 * must survive it: {@link Fault#FULL} refuses with "No space left on device" to create a file or a directory, to
 * append or to truncate (a real full disk refuses the first write that needs a block instead; callers meet the
 * same IOException), but opens an existing file (a lock) and lets files be removed and renamed, as a full disk
 * does; {@link Fault#READ_ONLY} refuses every change with "Read-only file system", like a file
 * system remounted read-only after an error. Unlike a read-only mode bit, both hold for root too.
 *
 * <p>{@link #wrap} gives the view's path for a real one; every path derived from it stays in the view. The fault
 * may be switched at any moment, from any thread.
 */
public final class FaultyFileSystem extends FileSystem {

    /** How the view fails. */
    public enum Fault {
        /** Works like the default file system. */
        NONE,
        /** Creating a file or directory, appending and truncating fail; removing and renaming work. */
        FULL,
        /** Every change fails, and no file is writable. */
        READ_ONLY
    }

    private final FileSystem real = FileSystems.getDefault();
    private final FaultyProvider provider = new FaultyProvider();
    private volatile Fault fault = Fault.NONE;

    /**
     * The view's path for a real one.
     *
     * @param path a path of the default file system
     * @return the same file in the view
     */
    public Path wrap(Path path) {
        return path == null ? null : new FaultyPath(path);
    }

    /**
     * Makes the view fail from now on, or work again with {@link Fault#NONE}.
     *
     * @param value how it fails
     */
    public void fail(Fault value) {
        fault = value;
    }

    private Path unwrap(Path path) {
        if (path instanceof FaultyPath p && p.getFileSystem() == this) {
            return p.real;
        }
        throw new ProviderMismatchException(String.valueOf(path));
    }

    private void refuse(Path path, Fault... when) throws FileSystemException {
        for (Fault f : when) {
            if (fault == f) {
                throw new FileSystemException(path.toString(), null, f == Fault.FULL ? "No space left on device"
                        : "Read-only file system");
            }
        }
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("the view of the default file system stays open");
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return fault == Fault.READ_ONLY;
    }

    @Override
    public String getSeparator() {
        return real.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return StreamSupport.stream(real.getRootDirectories().spliterator(), false).map(this::wrap).toList();
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return real.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return real.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(real.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher m = real.getPathMatcher(syntaxAndPattern);
        return p -> m.matches(unwrap(p));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return real.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("no watch service in the view");
    }

    /** A path of the view: a real path that answers to this file system. */
    private final class FaultyPath implements Path {

        private final Path real;

        FaultyPath(Path real) {
            this.real = real;
        }

        @Override
        public FileSystem getFileSystem() {
            return FaultyFileSystem.this;
        }

        @Override
        public boolean isAbsolute() {
            return real.isAbsolute();
        }

        @Override
        public Path getRoot() {
            return wrap(real.getRoot());
        }

        @Override
        public Path getFileName() {
            return wrap(real.getFileName());
        }

        @Override
        public Path getParent() {
            return wrap(real.getParent());
        }

        @Override
        public int getNameCount() {
            return real.getNameCount();
        }

        @Override
        public Path getName(int index) {
            return wrap(real.getName(index));
        }

        @Override
        public Path subpath(int beginIndex, int endIndex) {
            return wrap(real.subpath(beginIndex, endIndex));
        }

        @Override
        public boolean startsWith(Path other) {
            return other.getFileSystem() == FaultyFileSystem.this && real.startsWith(unwrap(other));
        }

        @Override
        public boolean endsWith(Path other) {
            return other.getFileSystem() == FaultyFileSystem.this && real.endsWith(unwrap(other));
        }

        @Override
        public Path normalize() {
            return wrap(real.normalize());
        }

        @Override
        public Path resolve(Path other) {
            return wrap(real.resolve(unwrap(other)));
        }

        @Override
        public Path relativize(Path other) {
            return wrap(real.relativize(unwrap(other)));
        }

        @Override
        public URI toUri() {
            return real.toUri();
        }

        @Override
        public Path toAbsolutePath() {
            return wrap(real.toAbsolutePath());
        }

        @Override
        public Path toRealPath(LinkOption... options) throws IOException {
            return wrap(real.toRealPath(options));
        }

        @Override
        public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
            throw new UnsupportedOperationException("no watch service in the view");
        }

        @Override
        public int compareTo(Path other) {
            return real.compareTo(unwrap(other));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FaultyPath p && p.getFileSystem() == getFileSystem() && p.real.equals(real);
        }

        @Override
        public int hashCode() {
            return real.hashCode();
        }

        @Override
        public String toString() {
            return real.toString();
        }
    }

    /** The view's operations: the default provider's, after the fault's check. */
    private final class FaultyProvider extends FileSystemProvider {

        private final FileSystemProvider of = real.provider();

        @Override
        public String getScheme() {
            return "faulty";
        }

        @Override
        public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
            throw new UnsupportedOperationException("made by new FaultyFileSystem()");
        }

        @Override
        public FileSystem getFileSystem(URI uri) {
            throw new UnsupportedOperationException("not reached by URI");
        }

        @Override
        public Path getPath(URI uri) {
            throw new UnsupportedOperationException("not reached by URI");
        }

        private void refuseWriting(Path path, Set<? extends OpenOption> options) throws FileSystemException {
            if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
                refuse(path, Fault.READ_ONLY);
                boolean creates = (options.contains(StandardOpenOption.CREATE_NEW)
                        || options.contains(StandardOpenOption.CREATE)) && !java.nio.file.Files.exists(unwrap(path),
                        LinkOption.NOFOLLOW_LINKS);
                if (creates || options.contains(StandardOpenOption.APPEND)
                        || options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
                    refuse(path, Fault.FULL);
                }
            }
        }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                                  FileAttribute<?>... attrs) throws IOException {
            refuseWriting(path, options);
            return of.newByteChannel(unwrap(path), options, attrs);
        }

        @Override
        public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            refuseWriting(path, options);
            return of.newFileChannel(unwrap(path), options, attrs);
        }

        @Override
        public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
                throws IOException {
            DirectoryStream<Path> s = of.newDirectoryStream(unwrap(dir), p -> filter.accept(wrap(p)));
            return new DirectoryStream<>() {
                @Override
                public Iterator<Path> iterator() {
                    Iterator<Path> it = s.iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Path next() {
                            return wrap(it.next());
                        }
                    };
                }

                @Override
                public void close() throws IOException {
                    s.close();
                }
            };
        }

        @Override
        public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
            refuse(dir, Fault.FULL, Fault.READ_ONLY);
            of.createDirectory(unwrap(dir), attrs);
        }

        @Override
        public void delete(Path path) throws IOException {
            refuse(path, Fault.READ_ONLY);
            of.delete(unwrap(path));
        }

        @Override
        public void copy(Path source, Path target, CopyOption... options) throws IOException {
            refuse(target, Fault.FULL, Fault.READ_ONLY);
            of.copy(unwrap(source), unwrap(target), options);
        }

        @Override
        public void move(Path source, Path target, CopyOption... options) throws IOException {
            refuse(target, Fault.READ_ONLY);
            of.move(unwrap(source), unwrap(target), options);
        }

        @Override
        public boolean isSameFile(Path path, Path path2) throws IOException {
            return of.isSameFile(unwrap(path), unwrap(path2));
        }

        @Override
        public boolean isHidden(Path path) throws IOException {
            return of.isHidden(unwrap(path));
        }

        @Override
        public FileStore getFileStore(Path path) throws IOException {
            return of.getFileStore(unwrap(path));
        }

        @Override
        public void checkAccess(Path path, AccessMode... modes) throws IOException {
            if (List.of(modes).contains(AccessMode.WRITE)) {
                refuse(path, Fault.READ_ONLY);
            }
            of.checkAccess(unwrap(path), modes);
        }

        @Override
        public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type,
                                                                    LinkOption... options) {
            return of.getFileAttributeView(unwrap(path), type, options);
        }

        @Override
        public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
                throws IOException {
            return of.readAttributes(unwrap(path), type, options);
        }

        @Override
        public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
                throws IOException {
            return of.readAttributes(unwrap(path), attributes, options);
        }

        @Override
        public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
                throws IOException {
            refuse(path, Fault.READ_ONLY);
            of.setAttribute(unwrap(path), attribute, value, options);
        }

        @Override
        public Path readSymbolicLink(Path link) throws IOException {
            return wrap(of.readSymbolicLink(unwrap(link)));
        }

        @Override
        public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
            refuse(link, Fault.FULL, Fault.READ_ONLY);
            of.createSymbolicLink(unwrap(link), unwrap(target), attrs);
        }
    }
}
