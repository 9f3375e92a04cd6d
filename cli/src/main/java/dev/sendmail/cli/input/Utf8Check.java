package dev.sendmail.cli.input;

import dev.sendmail.cli.output.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, streaming, that a file is valid UTF-8 (the charset compose mode declares for text parts). */
final class Utf8Check {

    private Utf8Check() {
    }

    /** @throws CliException (65) when the file is not valid UTF-8 */
    static void requireUtf8(Path file, String what) throws CliException, IOException {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        CharBuffer out = CharBuffer.allocate(64 * 1024);
        long offset = 0;
        try (InputStream s = Files.newInputStream(file)) {
            byte[] buf = new byte[32 * 1024];
            int n;
            while (true) {
                n = s.read(buf);
                boolean end = n < 0;
                if (!end) {
                    in.put(buf, 0, n);
                }
                in.flip();
                CoderResult r = dec.decode(in, out, end);
                if (r.isError()) {
                    throw CliException.data(what + " is not valid UTF-8 (at octet " + (offset + in.position())
                            + "); convert it, e.g. with iconv");
                }
                offset += in.position();
                in.compact();
                out.clear();
                if (end) {
                    break;
                }
            }
        }
    }
}
