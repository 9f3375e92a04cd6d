package dev.sendmail.api;

import jakarta.activation.FileTypeMap;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything a built {@link Message} consists of, checked and immutable; {@link MimeAssembler} turns it into
 * MIME each time the content is opened.
 */
record MimeSpec(Addr from, List<Addr> to, List<Addr> cc, List<Addr> replyTo, Optional<String> subject,
                Optional<Body> text, Optional<Body> html, List<Attachment> attachments, List<Attachment> inlines,
                List<Header> headers, String messageId, String date, String boundary, boolean utf8Headers) {

    MimeSpec {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        replyTo = List.copyOf(replyTo);
        attachments = List.copyOf(attachments);
        inlines = List.copyOf(inlines);
        headers = List.copyOf(headers);
    }

    /** A mailbox with its display name (null for none). */
    record Addr(Mailbox mailbox, String name) {

        static Addr of(Mailbox mailbox, String name) {
            String n = name == null || name.isBlank() ? null : HeaderChecks.value("display name", name.strip());
            return new Addr(mailbox, n);
        }

        /** Parses an address or an address list, keeping display names. Groups are refused. */
        static List<Addr> parseList(String what, String text) {
            if (text == null) {
                throw new IllegalArgumentException(what + ": address is missing");
            }
            HeaderChecks.value(what, text);
            InternetAddress[] parsed;
            try {
                parsed = InternetAddress.parseHeader(text.strip(), false);
            } catch (AddressException e) {
                throw new IllegalArgumentException(what + ": invalid address list: " + Mailbox.printable(text));
            }
            List<Addr> out = new ArrayList<>();
            for (InternetAddress a : parsed) {
                if (a.isGroup()) {
                    throw new IllegalArgumentException(what + ": a group is not a mailbox: " + Mailbox.printable(text));
                }
                if (a.getAddress() == null || a.getAddress().isEmpty()) {
                    continue;
                }
                Mailbox m;
                try {
                    m = Mailbox.parse(a.getAddress());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
                }
                out.add(of(m, a.getPersonal()));
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(what + ": no address in " + Mailbox.printable(text));
            }
            return out;
        }

        /** The header form; the name RFC 2047-encoded (UTF-8) when it is not ASCII. */
        InternetAddress toInternetAddress() {
            try {
                return new InternetAddress(mailbox.address(), name, "UTF-8");
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is always supported", e);
            }
        }
    }

    /** A text or HTML body: a string, or a UTF-8 file read when the message is written. */
    record Body(Optional<String> string, Optional<Path> file) {

        static Body of(String s) {
            return new Body(Optional.of(s), Optional.empty());
        }

        static Body of(Path p) {
            return new Body(Optional.empty(), Optional.of(p));
        }

        /**
         * A body from a file that is checked now, streaming, to be valid UTF-8: the charset its part declares.
         *
         * @param what the part, for the message ("the text body")
         * @throws IllegalArgumentException naming the octet where the file stops being UTF-8
         * @throws UncheckedIOException when the file cannot be read
         */
        static Body utf8File(Path file, String what) {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            CharBuffer out = CharBuffer.allocate(64 * 1024);
            long offset = 0;
            try (ReadableByteChannel channel = Files.newByteChannel(file)) {
                boolean end = false;
                while (!end) {
                    end = channel.read(in) < 0;
                    in.flip();
                    if (decoder.decode(in, out, end).isError()) {
                        throw new IllegalArgumentException(what + " is not valid UTF-8 (at octet "
                                + (offset + in.position()) + ")");
                    }
                    offset += in.position();
                    in.compact();
                    out.clear();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return of(file);
        }
    }

    /**
     * An attachment or inline part.
     *
     * @param name the file name shown
     * @param type the MIME type
     * @param file the file, when the data is on disk
     * @param data the bytes, when given in memory
     * @param contentId the Content-ID (without brackets) of an inline part, else null
     */
    record Attachment(String name, String type, Optional<Path> file, Optional<byte[]> data, String contentId) {

        static Attachment file(Path file, String contentId) {
            if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("not a readable file: " + file);
            }
            String name = HeaderChecks.value("file name", file.getFileName().toString());
            return new Attachment(name, contentType(file), Optional.of(file), Optional.empty(), contentId);
        }

        static Attachment bytes(String name, byte[] data, String type) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an attachment needs a name");
            }
            if (data == null) {
                throw new IllegalArgumentException("attachment data is missing");
            }
            return new Attachment(HeaderChecks.value("file name", name), checkType(type), Optional.empty(),
                    Optional.of(data.clone()), null);
        }

        /** Text travels as text (quoted-printable or base64 by content); every other type always as base64. */
        boolean isText() {
            return type.toLowerCase(Locale.ROOT).startsWith("text/");
        }

        private static String checkType(String type) {
            if (type == null) {
                throw new IllegalArgumentException("attachment type is missing");
            }
            HeaderChecks.value("attachment type", type);
            try {
                ContentType ct = new ContentType(type);
                if (ct.getPrimaryType().isEmpty() || ct.getSubType().isEmpty()
                        || ct.getPrimaryType().equalsIgnoreCase("multipart")) {
                    throw new IllegalArgumentException("invalid attachment type: " + Mailbox.printable(type));
                }
                return ct.toString();
            } catch (ParseException e) {
                throw new IllegalArgumentException("invalid attachment type: " + Mailbox.printable(type), e);
            }
        }

        /** The type from the system's MIME tables (file name extension), else application/octet-stream. */
        static String contentType(Path file) {
            String type = null;
            try {
                type = Files.probeContentType(file);
            } catch (IOException e) {
                // unknown type
            }
            if (type == null || !type.matches("[a-zA-Z0-9.+-]+/[a-zA-Z0-9.+-]+")) {
                type = FileTypeMap.getDefaultFileTypeMap().getContentType(file.getFileName().toString());
            }
            return type == null || type.toLowerCase(Locale.ROOT).startsWith("multipart/")
                    ? "application/octet-stream" : type;
        }
    }

    /** A header field given by the caller. */
    record Header(String name, String value) {
        String lowerName() {
            return name.toLowerCase(Locale.ROOT);
        }
    }
}
