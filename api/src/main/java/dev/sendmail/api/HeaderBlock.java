package dev.sendmail.api;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The header section of a raw message as octets, one entry per field (a field line with its continuation
 * lines, line endings as read). Fields can be removed and appended without touching the others, so a message
 * passes through unchanged except for what send-mail must change (Bcc removed, missing From/Date/Message-ID
 * added). Values are unfolded here, without Jakarta Mail (which a one-message send would otherwise load, with
 * its stream providers, only for this); {@link Message#parse} reads fields with the same types. Not thread-safe:
 * one owner changes it, then presents it.
 */
public final class HeaderBlock {

    /**
     * One field.
     *
     * @param name its name, lower case
     * @param raw its octets, continuation lines and every line ending included
     */
    public record Field(String name, byte[] raw) {

        /** @return the unfolded value after the colon, UTF-8 decoded (RFC 6532), without line endings */
        public String value() {
            String s = new String(raw, StandardCharsets.UTF_8);
            s = s.substring(s.indexOf(':') + 1);
            return s.replace("\r", "").replace("\n", "").strip();
        }
    }

    private final List<Field> fields;
    private final String eol;

    /**
     * @param fields the fields, in order
     * @param eol the line ending for fields that are added
     */
    public HeaderBlock(List<Field> fields, String eol) {
        this.fields = new ArrayList<>(fields);
        this.eol = eol;
    }

    /**
     * Reads the header section of a finished message: the fields up to the empty line (or the first line that
     * is not a field), with the same bound as {@link Message#parse}. The body is never read.
     *
     * @param content the message
     * @return its header fields, and the line ending it uses ({@code \r\n} when no line ends)
     * @throws IOException when the content cannot be read
     * @throws IllegalArgumentException when the header section is larger than the bound (1 MiB)
     */
    public static HeaderBlock read(MessageContent content) throws IOException {
        return HeaderParser.read(content);
    }

    /** @return the fields, in order (a copy) */
    public List<Field> fields() {
        return List.copyOf(fields);
    }

    /** @return the line ending the message uses ({@code \r\n} or {@code \n}), for fields that are added */
    public String eol() {
        return eol;
    }

    /**
     * @param name a field name, any case
     * @return whether there is a field of that name
     */
    public boolean has(String name) {
        return fields.stream().anyMatch(f -> f.name.equalsIgnoreCase(name));
    }

    /**
     * @param name a field name, any case
     * @return the unfolded values of every field called {@code name}, in order
     */
    public List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    /**
     * @param name a field name, any case
     * @return how many fields are called {@code name}
     */
    public int count(String name) {
        return (int) fields.stream().filter(f -> f.name.equalsIgnoreCase(name)).count();
    }

    /**
     * Removes every field called {@code name}.
     *
     * @param name a field name, any case
     * @return how many were removed
     */
    public int remove(String name) {
        int before = fields.size();
        fields.removeIf(f -> f.name.equalsIgnoreCase(name));
        return before - fields.size();
    }

    /**
     * Appends {@code Name: value} with the message's line ending.
     *
     * @param name the field name
     * @param value a checked, single-line value: ASCII or RFC 2047 encoded text
     */
    public void append(String name, String value) {
        String line = name + ": " + value + eol;
        fields.add(new Field(name, line.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return the header section, without the empty line that ends it */
    public byte[] toBytes() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Field f : fields) {
            b.writeBytes(f.raw);
        }
        return b.toByteArray();
    }

    /**
     * The address of the From field when there is exactly one From field naming exactly one address (a group
     * counts its members): the author whose domain DKIM signs for. Display names and comments are dropped.
     *
     * @return the address; empty when there is no From field, several, several addresses, or one that does not
     *     parse (a local name without a domain included)
     */
    public Optional<Mailbox> singleFrom() {
        List<String> from = values("from");
        return from.size() == 1 ? HeaderParser.onlyAddress(from.get(0)) : Optional.empty();
    }

    /**
     * The mailboxes of every field called {@code name}, in order; a group gives its members.
     *
     * @param name a field name, any case, whose values are address lists
     * @return the mailboxes, empty when there is no such field
     * @throws IllegalArgumentException with a one-line reason naming the field, for an address that does not
     *         parse or has no domain
     */
    public List<Mailbox> addresses(String name) {
        List<Mailbox> out = new ArrayList<>();
        for (String v : values(name)) {
            out.addAll(HeaderParser.addresses(name + " field", v, local -> {
                throw new IllegalArgumentException(Mailbox.printable(local) + " has no domain");
            }));
        }
        return out;
    }

    /**
     * Who the message says sent it: the first address of the first Sender field whose value parses, else of the
     * first such From field (sendmail's envelope sender when none is given). A value with an address that does
     * not parse, or without a domain, is passed over as a whole.
     *
     * @return the address; empty when no Sender or From field names one
     */
    public Optional<Mailbox> firstSender() {
        for (String name : List.of("sender", "from")) {
            for (String v : values(name)) {
                Optional<List<Mailbox>> list = HeaderParser.mailboxes(v);
                if (list.isPresent() && !list.get().isEmpty()) {
                    return Optional.of(list.get().get(0));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the header section of a finished message ({@link #read}) and gives its {@link #singleFrom()}; the body
     * is never read.
     *
     * @param content the message
     * @return the single From address; empty as for {@link #singleFrom()}, and when the header section is over
     *     the bound
     * @throws IOException when the content cannot be read
     */
    public static Optional<Mailbox> readSingleFrom(MessageContent content) throws IOException {
        HeaderBlock header;
        try {
            header = read(content);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the header section is over the bound
        }
        return header.singleFrom();
    }

    /**
     * The {@link #singleFrom()} of the message at the start of a stream, which is then put back where it was: the
     * header section is read within its bound (1 MiB) and the stream reset, so the whole message is read again
     * from its start afterwards. This is how a sendmail replacement picks the account for the From field's address
     * (msmtp's {@code --read-envelope-from}) before it reads the message to send it. The body is never read.
     *
     * @param in the message, at its start; marked here with room for the bound and the reader's look-ahead
     * @return the single From address; empty as for {@link #readSingleFrom}, and when the stream cannot be read
     *     (reading the message again then says what is wrong with it)
     * @throws java.io.UncheckedIOException when the stream cannot be reset (it was closed)
     */
    public static Optional<Mailbox> peekSingleFrom(BufferedInputStream in) {
        in.mark(2 << 20);
        try {
            InputStream view = new FilterInputStream(in) {
                @Override
                public void close() {
                    // the message is read again from its start
                }
            };
            return readSingleFrom(new MessageContent() {
                @Override
                public InputStream open() {
                    return view;
                }

                @Override
                public OptionalLong size() {
                    return OptionalLong.empty();
                }
            });
        } catch (IOException e) {
            return Optional.empty();
        } finally {
            try {
                in.reset();
            } catch (IOException e) {
                throw new UncheckedIOException("the message read for its From field cannot be read again", e);
            }
        }
    }

    /** The fields whose values are addresses (RFC 5322 3.6.2, 3.6.3, 3.6.6). */
    private static final List<String> ADDRESS_FIELDS = List.of("from", "sender", "reply-to", "to", "cc", "bcc",
            "resent-from", "resent-sender", "resent-to", "resent-cc", "resent-bcc");

    /**
     * Whether an address field names an address with a non-ASCII character: a UTF-8 address, which only SMTPUTF8
     * (RFC 6531) may carry. Display names and comments do not count: UTF-8 there goes as 8BITMIME, as Postfix
     * sends it.
     *
     * @return true when such an address is present
     */
    public boolean namesUtf8Address() {
        for (String name : ADDRESS_FIELDS) {
            for (String v : values(name)) {
                for (String address : HeaderParser.addressParts(v)) {
                    for (int i = 0; i < address.length(); i++) {
                        if (address.charAt(i) >= 0x80) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * @param line a header line, without its line ending
     * @param len how many octets of {@code line} to look at
     * @return the field name it starts, lower case, or null when the line does not start a field
     */
    public static String fieldName(byte[] line, int len) {
        int i = 0;
        while (i < len && line[i] != ':' && line[i] != ' ' && line[i] != '\t') {
            int c = line[i] & 0xFF;
            if (c < 33 || c > 126) {
                return null;
            }
            i++;
        }
        int end = i;
        while (i < len && (line[i] == ' ' || line[i] == '\t')) {
            i++; // RFC 5322 4.5 obsolete syntax: white space before the colon
        }
        if (end == 0 || i >= len || line[i] != ':') {
            return null;
        }
        return new String(line, 0, end, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }
}
