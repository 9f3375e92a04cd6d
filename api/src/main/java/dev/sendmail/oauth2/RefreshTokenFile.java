package dev.sendmail.oauth2;

import dev.sendmail.api.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A refresh token kept in a file that only its owner may read (mode 0600; a file others can read is refused with
 * {@link InsecureFileException}). The file holds the token on one line. {@link #replace} writes a new file and
 * renames it over the old one, so a concurrent reader sees one token or the other. Thread-safe; the file is read
 * on every {@link #read()}, so a token another process stored is seen.
 */
public final class RefreshTokenFile implements RefreshTokenStore {

    private final Path file;

    /**
     * A store in {@code file} (which need not exist yet).
     *
     * @param file the token file
     */
    public RefreshTokenFile(Path file) {
        this.file = file;
    }

    @Override
    public Optional<Secret> read() throws IOException {
        try {
            return Optional.of(readSecret(file)).filter(s -> !s.isEmpty());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void replace(Secret token) throws IOException {
        char[] chars = token.reveal();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] content = new byte[bytes.remaining() + 1];
        bytes.get(content, 0, content.length - 1);
        content[content.length - 1] = '\n';
        try {
            TokenFiles.replace(file, content);
        } finally {
            Arrays.fill(chars, '\0');
            Arrays.fill(content, (byte) 0);
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    @Override
    public String describe() {
        return file.toString();
    }

    /**
     * Refuses a token or secret file that group or others may read or write.
     *
     * @param file the file
     * @throws InsecureFileException when others may access it
     * @throws IOException when its permissions cannot be read (for example, it does not exist)
     */
    public static void checkPrivate(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        TokenFiles.checkPrivate(file);
    }

    /**
     * Reads a secret kept on the first line of an owner-only file (a refresh token, a client secret); the line end
     * and surrounding white space are not part of it.
     *
     * @param file the file
     * @return the secret (empty when the file is)
     * @throws InsecureFileException when others may access the file
     * @throws IOException when it cannot be read, is larger than 64 KiB or is not UTF-8
     */
    public static Secret readSecret(Path file) throws IOException {
        byte[] b = TokenFiles.read(file);
        CharBuffer chars = null;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            int start = 0;
            int end = chars.length();
            while (start < end && Character.isWhitespace(chars.get(start))) {
                start++;
            }
            int lineEnd = start;
            while (lineEnd < end && chars.get(lineEnd) != '\n' && chars.get(lineEnd) != '\r') {
                lineEnd++;
            }
            while (lineEnd > start && Character.isWhitespace(chars.get(lineEnd - 1))) {
                lineEnd--;
            }
            char[] value = new char[lineEnd - start];
            chars.get(start, value);
            try {
                return Secret.of(value);
            } finally {
                Arrays.fill(value, '\0');
            }
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text");
        } finally {
            Arrays.fill(b, (byte) 0);
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }
}
