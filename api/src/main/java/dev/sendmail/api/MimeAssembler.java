package dev.sendmail.api;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a {@link MimeSpec} into a Jakarta Mail {@link MimeMessage}. A new message object is made for each
 * writing, so concurrent readers never share one; boundaries, Date and Message-ID come from the spec, so every
 * writing gives the same octets. Structure: multipart/mixed (when there are attachments) around
 * multipart/related (when there are inline parts) around multipart/alternative (text and HTML).
 */
final class MimeAssembler {

    /** Fields a caller's {@code header()} replaces instead of adding to. */
    private static final Set<String> SINGLE = Set.of("from", "to", "cc", "subject", "reply-to", "sender");

    private MimeAssembler() {
    }

    static MimeMessage assemble(MimeSpec s) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.mime.allowutf8", Boolean.toString(s.utf8Headers()));
        props.setProperty("mail.mime.encodeparameters", "true");
        props.setProperty("mail.mime.splitlongparameters", "true");
        MimeMessage m = new FixedIdMessage(Session.getInstance(props), s.messageId());
        m.setFrom(s.from().toInternetAddress());
        if (s.to().isEmpty()) {
            m.setHeader("To", "undisclosed-recipients:;");
        } else {
            m.setRecipients(jakarta.mail.Message.RecipientType.TO, addresses(s.to()));
        }
        if (!s.cc().isEmpty()) {
            m.setRecipients(jakarta.mail.Message.RecipientType.CC, addresses(s.cc()));
        }
        if (!s.replyTo().isEmpty()) {
            m.setReplyTo(addresses(s.replyTo()));
        }
        if (s.subject().isPresent()) {
            m.setSubject(s.subject().get(), "UTF-8");
        }
        m.setHeader("Date", s.date());
        for (MimeSpec.Header h : s.headers()) {
            String value;
            try {
                value = MimeUtility.fold(h.name().length() + 2, MimeUtility.encodeText(h.value(), "UTF-8", null));
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is always supported", e);
            }
            if (SINGLE.contains(h.lowerName())) {
                m.setHeader(h.name(), value);
            } else {
                m.addHeader(h.name(), value);
            }
        }
        Counter boundaries = new Counter(s.boundary());
        Part body = m;
        MimeMultipart mixed = null;
        if (!s.attachments().isEmpty()) {
            mixed = multipart("mixed", boundaries);
            MimeBodyPart first = new MimeBodyPart();
            mixed.addBodyPart(first);
            body = first;
        }
        MimeMultipart related = null;
        if (!s.inlines().isEmpty()) {
            related = multipart("related", boundaries);
            MimeBodyPart first = new MimeBodyPart();
            related.addBodyPart(first);
            for (MimeSpec.Attachment a : s.inlines()) {
                related.addBodyPart(attachment(a, Part.INLINE));
            }
            body.setContent(related);
            body = first;
        }
        if (s.text().isPresent() && s.html().isPresent()) {
            MimeMultipart alt = multipart("alternative", boundaries);
            MimeBodyPart text = new MimeBodyPart();
            fill(text, s.text().get(), "plain");
            alt.addBodyPart(text);
            MimeBodyPart html = new MimeBodyPart();
            fill(html, s.html().get(), "html");
            alt.addBodyPart(html);
            body.setContent(alt);
        } else if (s.html().isPresent()) {
            fill(body, s.html().get(), "html");
        } else {
            fill(body, s.text().orElse(MimeSpec.Body.of("")), "plain");
        }
        if (mixed != null) {
            for (MimeSpec.Attachment a : s.attachments()) {
                mixed.addBodyPart(attachment(a, Part.ATTACHMENT));
            }
            m.setContent(mixed);
        }
        m.saveChanges();
        return m;
    }

    private static InternetAddress[] addresses(List<MimeSpec.Addr> list) {
        return list.stream().map(MimeSpec.Addr::toInternetAddress).toArray(InternetAddress[]::new);
    }

    private static void fill(Part p, MimeSpec.Body body, String subtype) throws MessagingException {
        String type = "text/" + subtype + "; charset=UTF-8";
        Supplier<InputStream> raw;
        if (body.string().isPresent()) {
            byte[] b = body.string().get().getBytes(StandardCharsets.UTF_8);
            raw = () -> new ByteArrayInputStream(b);
        } else {
            Path f = body.file().orElseThrow();
            raw = () -> open(f);
        }
        // text in canonical form: CRLF line ends, a final line break
        p.setDataHandler(new DataHandler(new Source("body." + subtype, type, () -> new CrlfInputStream(raw.get()))));
        p.setHeader("Content-Type", type);
    }

    private static MimeBodyPart attachment(MimeSpec.Attachment a, String disposition) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        Supplier<InputStream> raw = a.file().isPresent() ? () -> open(a.file().get())
                : () -> new ByteArrayInputStream(a.data().orElseThrow());
        Supplier<InputStream> in = a.isText() ? () -> new CrlfInputStream(raw.get()) : raw;
        part.setDataHandler(new DataHandler(new Source(a.name(), a.type(), in)));
        part.setHeader("Content-Type", a.type());
        part.setFileName(a.name());
        part.setDisposition(disposition);
        if (a.contentId() != null) {
            part.setContentID("<" + a.contentId() + ">");
        }
        if (!a.isText()) {
            // binary data never as 7bit, however ASCII it looks: its line ends must not change
            part.setHeader("Content-Transfer-Encoding", "base64");
        }
        return part;
    }

    private static InputStream open(Path f) {
        try {
            return Files.newInputStream(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static MimeMultipart multipart(String subtype, Counter boundaries) throws MessagingException {
        return new FixedBoundaryMultipart(subtype, boundaries.next());
    }

    /** Numbered boundaries from the spec's prefix. */
    private static final class Counter {
        private final String prefix;
        private int n;

        Counter(String prefix) {
            this.prefix = prefix;
        }

        String next() {
            return prefix + "_" + (n++);
        }
    }

    /** A multipart with a boundary chosen by us instead of a new random one per object. */
    private static final class FixedBoundaryMultipart extends MimeMultipart {
        FixedBoundaryMultipart(String subtype, String boundary) throws MessagingException {
            super(subtype);
            ContentType ct = new ContentType("multipart", subtype, null);
            ct.setParameter("boundary", boundary);
            contentType = ct.toString();
        }
    }

    /** The Message-ID from the spec, so saving changes never makes a new one (nor looks up this host). */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /** A part's data, opened anew for each reading. */
    private static final class Source implements DataSource {
        private final String name;
        private final String type;
        private final Supplier<InputStream> in;

        Source(String name, String type, Supplier<InputStream> in) {
            this.name = name;
            this.type = type;
            this.in = in;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            try {
                return in.get();
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return type;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
