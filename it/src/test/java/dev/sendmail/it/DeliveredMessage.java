package dev.sendmail.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A message as a server stored it in a Maildir (LF line ends): trace fields the server put on top,
 * then the message the client sent.
 */
record DeliveredMessage(byte[] raw) {

    /** Header fields servers prepend on delivery. */
    private static final Set<String> TRACE = Set.of("return-path", "x-original-to", "delivered-to", "received",
            "envelope-to", "delivery-date");

    String text() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** The unfolded header fields, in order, as "Name: value". */
    List<String> headerFields() {
        List<String> fields = new ArrayList<>();
        for (String line : text().split("\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + " " + line.strip());
            } else {
                fields.add(line);
            }
        }
        return fields;
    }

    List<String> headers(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return headerFields().stream().filter(f -> f.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(f -> f.substring(prefix.length()).strip()).toList();
    }

    String header(String name) {
        List<String> h = headers(name);
        if (h.isEmpty()) {
            throw new AssertionError("no " + name + " header in:\n" + text());
        }
        return h.get(0);
    }

    /** The bytes after the trace fields the server added: what the client sent, with LF line ends. */
    byte[] withoutTrace() {
        int pos = 0;
        while (pos < raw.length) {
            int end = indexOf(raw, (byte) '\n', pos);
            String line = new String(raw, pos, end - pos, StandardCharsets.UTF_8);
            int colon = line.indexOf(':');
            boolean continuation = line.startsWith(" ") || line.startsWith("\t");
            if (!continuation && (colon < 0 || !TRACE.contains(line.substring(0, colon).toLowerCase(Locale.ROOT)))) {
                break;
            }
            pos = end + 1;
        }
        return Arrays.copyOfRange(raw, pos, raw.length);
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return b.length;
    }
}
