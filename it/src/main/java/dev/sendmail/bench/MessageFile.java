package dev.sendmail.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Writes the benchmark message to standard output: {@code MessageFile BODY_SIZE FROM TO}. */
public final class MessageFile {

    private MessageFile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: MessageFile BODY_SIZE FROM TO");
            System.exit(64);
        }
        long size = BenchOptions.parseSize(args[0]);
        OutputStream out = System.out;
        try (InputStream in = BenchMessage.create(size, args[1], args[2]).open()) {
            in.transferTo(out);
        }
        out.flush();
    }
}
