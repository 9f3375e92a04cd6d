package dev.sendmail.api;

import dev.sendmail.internal.MessageIds;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A message ready to send: its SMTP {@link Envelope} and its RFC 5322 {@link MessageContent}. Built with
 * {@link #builder()} (MIME composed with Jakarta Mail's classes) or read from a finished message with
 * {@link #parse(MessageContent)}.
 *
 * <pre>{@code
 * Message m = Message.builder()
 *         .from("Zoë <zoe@example.org>").to("Bob <bob@example.org>", "carol@example.org")
 *         .subject("Grüße").text("Hello").html("<p>Hello</p>")
 *         .attach(Path.of("report.pdf"))
 *         .build();
 * DeliveryReport report = sender.send(m);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. The content of a built message is produced again, by writing
 * MIME, each time it is opened; attachments are read from their files at that moment and never held in memory,
 * so a file must not change or disappear until the message has been sent.
 */
public final class Message {

    private final Envelope envelope;
    private final MessageContent content;

    Message(Envelope envelope, MessageContent content) {
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.content = Objects.requireNonNull(content, "content");
    }

    /**
     * A finished message and the envelope it travels in, given apart (as a queue or the file transport stores
     * them): the content is sent as it is, unread and unchanged here.
     *
     * @param envelope the reverse-path and the recipients
     * @param content the whole message
     * @return the message
     */
    public static Message of(Envelope envelope, MessageContent content) {
        return new Message(envelope, content);
    }

    /**
     * Starts a new message.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the envelope of a finished message from its header fields, as {@code sendmail -t} does: the
     * recipients are the addresses of To, Cc and Bcc, or of Resent-To, Resent-Cc and Resent-Bcc when the
     * message has any of those; the sender is the first address of Sender, else of From (the null reverse-path
     * when there is neither). The content returned is the original with Bcc and Resent-Bcc removed, and Date and
     * Message-ID added when missing; everything else passes through unchanged, streamed from {@code raw}.
     *
     * @param raw the message; read once here (its header section) and again each time the result is opened
     * @return the envelope and the content to send
     * @throws IOException when {@code raw} cannot be read
     * @throws NoRecipientException when no recipient is named
     * @throws IllegalArgumentException when the header section is malformed or too large (over 1 MiB), or an
     *         address is invalid
     */
    public static Message parse(MessageContent raw) throws IOException {
        return parse(raw, name -> {
            throw new IllegalArgumentException(name + " has no domain");
        });
    }

    /**
     * Like {@link #parse(MessageContent)}, and a recipient without a domain (such as cron's {@code root}) is
     * replaced by the mailboxes {@code localNames} gives for it.
     *
     * @param raw the message
     * @param localNames maps a name without a domain to its mailboxes; throws {@link IllegalArgumentException}
     *        for a name it does not know
     * @return the envelope and the content to send
     * @throws IOException when {@code raw} cannot be read
     * @throws NoRecipientException when no recipient is named
     * @throws IllegalArgumentException when the header section is malformed or an address is invalid
     */
    public static Message parse(MessageContent raw, Function<String, List<Mailbox>> localNames)
            throws IOException {
        return HeaderParser.parse(raw, localNames, List.of(), Clock.systemDefaultZone());
    }

    /**
     * Like {@link #parse(MessageContent, Function)}, with recipients given outside the message as well (the
     * arguments of {@code sendmail -t}, which Postfix adds to those of the header fields). They come first in
     * the envelope; with at least one of them, a message whose header fields name no recipient is accepted.
     *
     * @param raw the message
     * @param localNames maps a name without a domain to its mailboxes
     * @param alsoTo further recipients, not written into the message
     * @return the envelope and the content to send
     * @throws IOException when {@code raw} cannot be read
     * @throws NoRecipientException when there is no recipient at all
     * @throws IllegalArgumentException when the header section is malformed or an address is invalid
     */
    public static Message parse(MessageContent raw, Function<String, List<Mailbox>> localNames,
                                List<Mailbox> alsoTo) throws IOException {
        return HeaderParser.parse(raw, localNames, alsoTo, Clock.systemDefaultZone());
    }

    /**
     * True for a header field {@link Builder#header(String, String)} refuses because the builder writes it itself
     * (MIME-Version, the Content-* fields, Bcc): a caller's value would contradict the message's structure.
     *
     * @param name a field name, in any case
     * @return true when the builder writes that field itself
     */
    public static boolean isWrittenByBuilder(String name) {
        return HeaderChecks.isReserved(name);
    }

    /**
     * The SMTP envelope: the reverse-path and every recipient, Bcc included.
     *
     * @return the envelope
     */
    public Envelope envelope() {
        return envelope;
    }

    /**
     * The message as sent: header fields (without Bcc), an empty line and the body.
     *
     * @return the content, re-readable
     */
    public MessageContent content() {
        return content;
    }

    /**
     * Builds a {@link Message}. Every address method may be called more than once; each call adds. Not
     * thread-safe; a builder can build several messages, each with its own Message-ID (unless one was given
     * with {@link #header}).
     */
    public static final class Builder {

        private MimeSpec.Addr from;
        private final List<MimeSpec.Addr> to = new ArrayList<>();
        private final List<MimeSpec.Addr> cc = new ArrayList<>();
        private final List<MimeSpec.Addr> bcc = new ArrayList<>();
        private final List<MimeSpec.Addr> replyTo = new ArrayList<>();
        private boolean envelopeSenderSet;
        private Mailbox envelopeSender;
        private String subject;
        private MimeSpec.Body text;
        private MimeSpec.Body html;
        private final List<MimeSpec.Attachment> attachments = new ArrayList<>();
        private final List<MimeSpec.Attachment> inlines = new ArrayList<>();
        private final List<MimeSpec.Header> headers = new ArrayList<>();
        private String messageId;
        private String date;
        private Clock clock = Clock.systemDefaultZone();
        private MessageSigner signer;

        private Builder() {
        }

        /**
         * The author, the From field, and unless {@link #envelopeSender} says otherwise the envelope sender.
         *
         * @param address {@code zoe@example.org} or {@code Zoë <zoe@example.org>}; the display name is kept
         * @return this builder
         * @throws IllegalArgumentException when the text is not exactly one valid address
         */
        public Builder from(String address) {
            List<MimeSpec.Addr> list = MimeSpec.Addr.parseList("from", address);
            if (list.size() != 1) {
                throw new IllegalArgumentException("from: exactly one address is needed");
            }
            from = list.get(0);
            return this;
        }

        /**
         * The author as a mailbox and a display name.
         *
         * @param mailbox the address
         * @param displayName the name shown, or null for none
         * @return this builder
         * @throws IllegalArgumentException when the name contains a control character
         */
        public Builder from(Mailbox mailbox, String displayName) {
            from = MimeSpec.Addr.of(Objects.requireNonNull(mailbox, "mailbox"), displayName);
            return this;
        }

        /**
         * Adds To recipients.
         *
         * @param addresses each an address, {@code Name <address>}, or a comma-separated list of those
         * @return this builder
         * @throws IllegalArgumentException when an address is invalid
         */
        public Builder to(String... addresses) {
            add(to, "to", addresses);
            return this;
        }

        /**
         * Adds a To recipient as a mailbox and a display name.
         *
         * @param mailbox the address
         * @param displayName the name shown, or null for none
         * @return this builder
         * @throws IllegalArgumentException when the name contains a control character
         */
        public Builder to(Mailbox mailbox, String displayName) {
            to.add(MimeSpec.Addr.of(Objects.requireNonNull(mailbox, "mailbox"), displayName));
            return this;
        }

        /**
         * Adds Cc recipients.
         *
         * @param addresses each an address, {@code Name <address>}, or a comma-separated list of those
         * @return this builder
         * @throws IllegalArgumentException when an address is invalid
         */
        public Builder cc(String... addresses) {
            add(cc, "cc", addresses);
            return this;
        }

        /**
         * Adds a Cc recipient as a mailbox and a display name.
         *
         * @param mailbox the address
         * @param displayName the name shown, or null for none
         * @return this builder
         * @throws IllegalArgumentException when the name contains a control character
         */
        public Builder cc(Mailbox mailbox, String displayName) {
            cc.add(MimeSpec.Addr.of(Objects.requireNonNull(mailbox, "mailbox"), displayName));
            return this;
        }

        /**
         * Adds Bcc recipients: in the envelope, never in the header fields.
         *
         * @param addresses each an address, {@code Name <address>}, or a comma-separated list of those
         * @return this builder
         * @throws IllegalArgumentException when an address is invalid
         */
        public Builder bcc(String... addresses) {
            add(bcc, "bcc", addresses);
            return this;
        }

        /**
         * Adds Reply-To addresses.
         *
         * @param addresses each an address, {@code Name <address>}, or a comma-separated list of those
         * @return this builder
         * @throws IllegalArgumentException when an address is invalid
         */
        public Builder replyTo(String... addresses) {
            add(replyTo, "reply-to", addresses);
            return this;
        }

        /**
         * The envelope sender (MAIL FROM), when it differs from the From address.
         *
         * @param address an address, or {@code <>} (or the empty string) for the null reverse-path
         * @return this builder
         * @throws IllegalArgumentException when the address is invalid
         */
        public Builder envelopeSender(String address) {
            Objects.requireNonNull(address, "address");
            envelopeSenderSet = true;
            envelopeSender = address.isEmpty() || address.equals("<>") ? null : Mailbox.parse(address);
            return this;
        }

        /**
         * The Subject, RFC 2047-encoded when it is not ASCII.
         *
         * @param value the subject; control characters other than tab are refused
         * @return this builder
         * @throws IllegalArgumentException when the value contains a line break or another control character
         */
        public Builder subject(String value) {
            subject = HeaderChecks.value("subject", value);
            return this;
        }

        /**
         * The plain-text body (UTF-8). Line breaks become CRLF, and a missing final line break is added.
         *
         * @param value the text
         * @return this builder
         */
        public Builder text(String value) {
            text = MimeSpec.Body.of(Objects.requireNonNull(value, "text"));
            return this;
        }

        /**
         * The plain-text body from a UTF-8 file, read when the message is written. The file is checked now (streaming,
         * nothing kept in memory) to be valid UTF-8, the charset its part declares.
         *
         * @param file the text
         * @return this builder
         * @throws IllegalArgumentException when the file is not valid UTF-8 ("the text body is not valid UTF-8 (at
         *     octet 3)")
         * @throws java.io.UncheckedIOException when the file cannot be read
         */
        public Builder text(Path file) {
            text = MimeSpec.Body.utf8File(Objects.requireNonNull(file, "file"), "the text body");
            return this;
        }

        /**
         * The HTML body (UTF-8); with a text body as well, the two form a multipart/alternative.
         *
         * @param value the HTML
         * @return this builder
         */
        public Builder html(String value) {
            html = MimeSpec.Body.of(Objects.requireNonNull(value, "html"));
            return this;
        }

        /**
         * The HTML body from a UTF-8 file, read when the message is written. The file is checked now (streaming,
         * nothing kept in memory) to be valid UTF-8, the charset its part declares.
         *
         * @param file the HTML
         * @return this builder
         * @throws IllegalArgumentException when the file is not valid UTF-8 ("the HTML body is not valid UTF-8 (at
         *     octet 3)")
         * @throws java.io.UncheckedIOException when the file cannot be read
         */
        public Builder html(Path file) {
            html = MimeSpec.Body.utf8File(Objects.requireNonNull(file, "file"), "the HTML body");
            return this;
        }

        /**
         * Attaches a file, streamed from disk each time the message is written. Its type comes from the file
         * name; a type other than text is always sent base64.
         *
         * @param file the file; it must be readable
         * @return this builder
         * @throws IllegalArgumentException when the file is not a readable regular file
         */
        public Builder attach(Path file) {
            attachments.add(MimeSpec.Attachment.file(file, null));
            return this;
        }

        /**
         * Attaches bytes.
         *
         * @param name the file name shown (RFC 2231-encoded when not ASCII)
         * @param data the content; copied
         * @param type the MIME type, such as {@code application/pdf}
         * @return this builder
         * @throws IllegalArgumentException when the name or type is invalid
         */
        public Builder attach(String name, byte[] data, String type) {
            attachments.add(MimeSpec.Attachment.bytes(name, data, type));
            return this;
        }

        /**
         * Adds a file the HTML body refers to as {@code cid:ID}; the HTML and such parts form a
         * multipart/related.
         *
         * @param contentId the ID, without angle brackets
         * @param file the file, streamed from disk
         * @return this builder
         * @throws IllegalArgumentException when the ID is invalid or the file is not readable
         */
        public Builder inline(String contentId, Path file) {
            inlines.add(MimeSpec.Attachment.file(file, HeaderChecks.contentId(contentId)));
            return this;
        }

        /**
         * Adds a header field. A Message-ID or Date given here replaces the one send-mail would make; Subject,
         * From, To, Cc, Reply-To and Sender replace the field built from the other methods; other names are added.
         * Non-ASCII values are RFC 2047-encoded.
         *
         * @param name a field name: printable ASCII without colon
         * @param value the value, on one line
         * @return this builder
         * @throws IllegalArgumentException for a line break or other control character, an invalid name, or a
         *         field send-mail writes itself (MIME-Version, Content-*, Bcc)
         */
        public Builder header(String name, String value) {
            MimeSpec.Header h = HeaderChecks.header(name, value);
            switch (h.lowerName()) {
                case "message-id" -> messageId = h.value();
                case "date" -> date = h.value();
                default -> headers.add(h);
            }
            return this;
        }

        /**
         * Adds a header field given as one line, {@code Name: value} (as a command-line option gives it): split at
         * the first colon, both parts stripped, then as {@link #header(String, String)}.
         *
         * @param field the field
         * @return this builder
         * @throws IllegalArgumentException when there is no name before a colon, or for what
         *         {@link #header(String, String)} refuses
         */
        public Builder header(String field) {
            int colon = field.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a header field must be \"Name: value\": " + Mailbox.printable(field));
            }
            return header(field.substring(0, colon).strip(), field.substring(colon + 1).strip());
        }

        /**
         * One-click unsubscribe (RFC 8058): adds {@code List-Unsubscribe: <https>[, <mailto>]} and
         * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}, replacing any such fields set before. The
         * receiver POSTs to the https URI; one-click needs https, so a plain http URI is refused. Sign the message
         * with DKIM ({@code dev.sendmail.dkim.DkimSigner} always covers both fields) for the receiver to trust them.
         *
         * @param https the absolute https URI that unsubscribes the recipient when POSTed to
         * @param mailto an optional mailto URI offered as well
         * @return this builder
         * @throws IllegalArgumentException when {@code https} is not an absolute https URI with a host, {@code mailto}
         *         is not a mailto URI, or either contains a space, control character or angle bracket
         */
        public Builder listUnsubscribe(URI https, Optional<URI> mailto) {
            Objects.requireNonNull(https, "https");
            Objects.requireNonNull(mailto, "mailto");
            List<MimeSpec.Header> fields = ListUnsubscribe.fields(https, mailto);
            headers.removeIf(ListUnsubscribe::isField);
            headers.addAll(fields);
            return this;
        }

        /**
         * One-click unsubscribe from URIs as a user gives them, in any order: one https URI and at most one mailto
         * URI; then as {@link #listUnsubscribe(URI, Optional)}.
         *
         * @param uris the URIs
         * @return this builder
         * @throws IllegalArgumentException for text that is not a URI, no https URI, a second one of either
         *         scheme, another scheme, or what {@link #listUnsubscribe(URI, Optional)} refuses
         */
        public Builder listUnsubscribe(List<String> uris) {
            Optional<URI> https = Optional.empty();
            Optional<URI> mailto = Optional.empty();
            for (String u : uris) {
                URI uri;
                try {
                    uri = new URI(u.strip());
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("not a URL: " + Mailbox.printable(u));
                }
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (scheme.equals("https") && https.isEmpty()) {
                    https = Optional.of(uri);
                } else if (scheme.equals("mailto") && mailto.isEmpty()) {
                    mailto = Optional.of(uri);
                } else {
                    throw new IllegalArgumentException("give one https URL (one-click needs https, RFC 8058) and "
                            + "at most one mailto: URL: " + Mailbox.printable(u));
                }
            }
            return listUnsubscribe(https.orElseThrow(() -> new IllegalArgumentException(
                    "one-click unsubscribe needs an https URL (RFC 8058)")), mailto);
        }

        /**
         * The clock for the Date field and the Message-ID; the system's by default.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Signs the message, for example with a {@code dev.sendmail.dkim.DkimSigner}. Signing reads the whole
         * message, so it happens when the content is first opened, not in {@link #build}; every later open gives
         * the same signed octets. A message that cannot be signed fails that open with the signer's
         * {@link java.io.IOException}.
         *
         * @param value the signer; {@code null} for none
         * @return this builder
         */
        public Builder signer(MessageSigner value) {
            signer = value;
            return this;
        }

        /**
         * Builds the message. The attachment files are checked now and read whenever the content is opened.
         *
         * @return the message
         * @throws IllegalStateException when From or every recipient is missing
         */
        public Message build() {
            if (from == null) {
                throw new IllegalStateException("a message needs a From address");
            }
            List<Mailbox> recipients = new ArrayList<>();
            for (List<MimeSpec.Addr> list : List.of(to, cc, bcc)) {
                list.forEach(a -> recipients.add(a.mailbox()));
            }
            if (recipients.isEmpty()) {
                throw new IllegalStateException("a message needs a recipient (to, cc or bcc)");
            }
            Optional<Mailbox> sender = envelopeSenderSet ? Optional.ofNullable(envelopeSender)
                    : Optional.of(from.mailbox());
            Envelope envelope = new Envelope(sender, recipients);
            String id = messageId != null ? messageId : MessageIds.messageId(from.mailbox().domain(), clock);
            String when = date != null ? date : MessageIds.date(clock);
            MimeSpec spec = new MimeSpec(from, to, cc, replyTo, Optional.ofNullable(subject),
                    Optional.ofNullable(text), Optional.ofNullable(html), attachments, inlines, headers, id, when,
                    MessageIds.boundary(), envelope.needsSmtpUtf8());
            MessageContent content = new ComposedContent(spec);
            return new Message(envelope, signer == null ? content : new SignedOnOpen(content, signer));
        }

        private static void add(List<MimeSpec.Addr> target, String what, String... addresses) {
            Objects.requireNonNull(addresses, what);
            for (String a : addresses) {
                target.addAll(MimeSpec.Addr.parseList(what, a));
            }
        }
    }
}
