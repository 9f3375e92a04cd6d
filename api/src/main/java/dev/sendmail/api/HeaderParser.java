package dev.sendmail.api;

import dev.sendmail.internal.MessageIds;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link Message#parse}: reads the header section of a finished message (bounded), takes the envelope from its
 * fields and presents the content with Bcc removed and Date and Message-ID added when missing. The body is
 * never read here.
 */
final class HeaderParser {

    /** The header section may not be larger than this. */
    static final int MAX_HEADER_OCTETS = 1 << 20;

    private HeaderParser() {
    }

    static Message parse(MessageContent raw, Function<String, List<Mailbox>> localNames, List<Mailbox> alsoTo,
                         Clock clock) throws IOException {
        List<HeaderBlock.Field> fields = new ArrayList<>();
        long headerOctets;
        String eol;
        try (InputStream in = new BufferedInputStream(raw.open(), 16 * 1024)) {
            Reader r = new Reader(in);
            r.run(fields);
            headerOctets = r.fieldOctets;
            eol = r.eol;
        }
        boolean resent = fields.stream().anyMatch(f -> f.name().equals("resent-to") || f.name().equals("resent-cc")
                || f.name().equals("resent-bcc"));
        List<String> names = resent ? List.of("resent-to", "resent-cc", "resent-bcc") : List.of("to", "cc", "bcc");
        List<Mailbox> recipients = new ArrayList<>(alsoTo);
        for (String name : names) {
            for (HeaderBlock.Field f : fields) {
                if (f.name().equals(name)) {
                    recipients.addAll(addresses(display(name) + " header", f.value(), localNames));
                }
            }
        }
        if (recipients.isEmpty()) {
            throw new NoRecipientException("the message names no recipient (no To, Cc or Bcc field)");
        }
        Optional<Mailbox> sender = firstAddress(fields, "sender").or(() -> firstAddress(fields, "from"));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        boolean hasDate = false;
        boolean hasId = false;
        for (HeaderBlock.Field f : fields) {
            if (f.name().equals("bcc") || f.name().equals("resent-bcc")) {
                continue;
            }
            hasDate |= f.name().equals("date");
            hasId |= f.name().equals("message-id");
            head.writeBytes(f.raw());
            if (f.raw().length == 0 || f.raw()[f.raw().length - 1] != '\n') {
                head.writeBytes(eol.getBytes(StandardCharsets.US_ASCII)); // cut off by the end of input
            }
        }
        if (!hasDate) {
            head.writeBytes(("Date: " + MessageIds.date(clock) + eol).getBytes(StandardCharsets.US_ASCII));
        }
        if (!hasId) {
            String domain = sender.map(Mailbox::domain).orElse("localhost");
            head.writeBytes(("Message-ID: " + MessageIds.messageId(domain, clock) + eol)
                    .getBytes(StandardCharsets.US_ASCII));
        }
        return new Message(new Envelope(sender, recipients), new ParsedContent(raw, headerOctets, head.toByteArray()));
    }

    /** {@link HeaderBlock#read}: the header section alone, bounded; the body is never read. */
    static HeaderBlock read(MessageContent raw) throws IOException {
        List<HeaderBlock.Field> fields = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(raw.open(), 16 * 1024)) {
            Reader r = new Reader(in);
            r.run(fields);
            return new HeaderBlock(fields, r.eol == null ? "\r\n" : r.eol);
        }
    }

    private static String display(String lower) {
        StringBuilder sb = new StringBuilder(lower.length());
        boolean up = true;
        for (char c : lower.toCharArray()) {
            sb.append(up ? Character.toUpperCase(c) : c);
            up = c == '-';
        }
        return sb.toString();
    }

    private static Optional<Mailbox> firstAddress(List<HeaderBlock.Field> fields, String name) {
        for (HeaderBlock.Field f : fields) {
            if (f.name().equals(name)) {
                try {
                    InternetAddress[] a = InternetAddress.parseHeader(f.value(), false);
                    for (InternetAddress x : a) {
                        if (!x.isGroup() && x.getAddress() != null && x.getAddress().indexOf('@') > 0) {
                            return Optional.of(Mailbox.parse(x.getAddress()));
                        }
                    }
                } catch (AddressException | IllegalArgumentException e) {
                    // an unusable From does not stop the message: the next candidate, else the null sender
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The one address of a field value, when it names exactly one that parses.
     */
    static Optional<Mailbox> onlyAddress(String value) {
        Optional<List<Mailbox>> list = mailboxes(value);
        return list.isPresent() && list.get().size() == 1 ? Optional.of(list.get().get(0)) : Optional.empty();
    }

    /**
     * The mailboxes of an address-list value (groups give their members); empty when any address does not parse
     * or has no domain. A plain address is parsed without Jakarta Mail, which a one-message send does not
     * otherwise load.
     */
    static Optional<List<Mailbox>> mailboxes(String value) {
        try {
            return Optional.of(addresses("address", value, name -> {
                throw new IllegalArgumentException("no domain");
            }));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The address parts of a field value: what is inside angle brackets, or a bare item; quoted strings, comments
     * and group names dropped. A scan, not a parse: for telling whether an address has a non-ASCII character.
     */
    static List<String> addressParts(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        StringBuilder angle = null;
        boolean quoted = false;
        int comment = 0;
        boolean hadAngle = false;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : ',';
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (comment > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    comment++;
                } else if (c == ')') {
                    comment--;
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                comment = 1;
            } else if (c == '<') {
                angle = new StringBuilder();
                hadAngle = true;
            } else if (c == '>' && angle != null) {
                parts.add(angle.toString());
                angle = null;
            } else if (c == ',' || c == ';' || (c == ':' && angle == null)) {
                if (!hadAngle && c != ':' && !item.toString().isBlank()) {
                    parts.add(item.toString().strip());
                }
                item.setLength(0);
                hadAngle = false;
            } else if (angle != null) {
                angle.append(c);
            } else {
                item.append(c);
            }
        }
        return parts;
    }

    /** The mailboxes of one address-list value; groups give their members. */
    static List<Mailbox> addresses(String what, String value, Function<String, List<Mailbox>> localNames) {
        return AddressList.parse(what, value, localNames).mailboxes();
    }

    /** Reads header fields up to the empty line (or the first line that is not a field), bounded. */
    private static final class Reader {
        private final InputStream in;
        private long fieldOctets;
        private String eol;

        Reader(InputStream in) {
            this.in = in;
        }

        void run(List<HeaderBlock.Field> fields) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                line.reset();
                int c;
                while ((c = in.read()) >= 0) {
                    line.write(c);
                    if (c == '\n') {
                        break;
                    }
                    if (fieldOctets + line.size() > MAX_HEADER_OCTETS) {
                        throw new IllegalArgumentException("the header section is larger than "
                                + MAX_HEADER_OCTETS + " octets");
                    }
                }
                byte[] b = line.toByteArray();
                if (b.length == 0) {
                    break; // end of input
                }
                if (eol == null && b[b.length - 1] == '\n') {
                    eol = b.length > 1 && b[b.length - 2] == '\r' ? "\r\n" : "\n";
                }
                int content = b.length - (b[b.length - 1] == '\n' ? 1 : 0);
                if (content > 0 && b[content - 1] == '\r') {
                    content--;
                }
                if (content == 0) {
                    break; // the empty line: the body follows
                }
                if ((b[0] == ' ' || b[0] == '\t') && !fields.isEmpty()) {
                    HeaderBlock.Field last = fields.remove(fields.size() - 1);
                    byte[] joined = new byte[last.raw().length + b.length];
                    System.arraycopy(last.raw(), 0, joined, 0, last.raw().length);
                    System.arraycopy(b, 0, joined, last.raw().length, b.length);
                    fields.add(new HeaderBlock.Field(last.name(), joined));
                    fieldOctets += b.length;
                    continue;
                }
                String name = HeaderBlock.fieldName(b, content);
                if (name == null) {
                    break; // not a field: the body starts here, without an empty line
                }
                fields.add(new HeaderBlock.Field(name, b));
                fieldOctets += b.length;
            }
            if (eol == null) {
                eol = "\r\n";
            }
        }
    }
}
