package dev.sendmail.cli.input;

import dev.sendmail.api.Mailbox;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.cli.options.ValueChecks;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.cli.output.ReportPrinter;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.activation.FileTypeMap;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Compose mode: builds a MIME message with Jakarta Mail and writes it to a file. The text body (and the HTML
 * alternative) are UTF-8; headers are RFC 2047-encoded where needed, attachment file names RFC 2231-encoded.
 * Parts are streamed from their files; only {@code --body} text is held in memory. The Message-ID is made
 * locally ({@link LocalIdentity#messageId}), never with a DNS lookup of this host.
 */
public final class Composer {

    private static final Set<String> SINGLE = Set.of("from", "to", "cc", "subject", "date", "message-id",
            "reply-to", "sender");

    private Composer() {
    }

    /**
     * @param c the settings (compose part, recipients, full name)
     * @param from the sender for the From field
     * @param textBody the text body file, when the body is not given inline ({@code --body-file} or spooled stdin)
     * @param target the file to write the message to
     */
    public static void compose(CliConfig c, Mailbox from, java.util.Optional<Path> textBody, Environment env,
            Path target) throws CliException, IOException {
        CliConfig.Compose k = c.compose();
        boolean utf8Addresses = from.needsSmtpUtf8()
                || c.envelope().recipients().stream().anyMatch(Mailbox::needsSmtpUtf8)
                || c.envelope().cc().stream().anyMatch(Mailbox::needsSmtpUtf8);
        Properties props = new Properties();
        props.setProperty("mail.mime.allowutf8", Boolean.toString(utf8Addresses));
        props.setProperty("mail.mime.encodeparameters", "true");
        props.setProperty("mail.mime.splitlongparameters", "true");
        Session session = Session.getInstance(props);
        String messageId = LocalIdentity.messageId(from.domain(), env.clock());
        MimeMessage m = new LocalIdMessage(session, messageId);
        try {
            m.setFrom(address(from, c.envelope().fullName().orElse(null)));
            if (!c.envelope().recipients().isEmpty()) {
                m.setRecipients(Message.RecipientType.TO, addresses(c.envelope().recipients()));
            } else {
                m.setHeader("To", "undisclosed-recipients:;");
            }
            if (!c.envelope().cc().isEmpty()) {
                m.setRecipients(Message.RecipientType.CC, addresses(c.envelope().cc()));
            }
            if (k.replyTo().isPresent()) {
                try {
                    m.setReplyTo(InternetAddress.parse(k.replyTo().get(), true));
                } catch (AddressException e) {
                    throw CliException.data("--reply-to: invalid address: " + ValueChecks.printable(k.replyTo().get()));
                }
            }
            m.setSubject(k.subject().orElse(""), "UTF-8");
            m.setSentDate(Date.from(env.clock().instant()));
            for (Map.Entry<String, String> h : k.headers()) {
                String value = MimeUtility.fold(h.getKey().length() + 2, MimeUtility.encodeText(h.getValue(), "UTF-8", null));
                if (SINGLE.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    m.setHeader(h.getKey(), value);
                } else {
                    m.addHeader(h.getKey(), value);
                }
            }
            boolean hasText = k.body().isPresent() || k.html().isEmpty()
                    || Files.size(textBody.orElseThrow()) > 0;
            if (textBody.isPresent() && k.body().isEmpty()) {
                Utf8Check.requireUtf8(textBody.get(), "the text body");
            }
            if (k.html().isPresent()) {
                Utf8Check.requireUtf8(k.html().get(), "--html " + k.html().get());
            }
            MimePart body = m;
            MimeMultipart mixed = null;
            if (!k.attachments().isEmpty()) {
                mixed = new MimeMultipart("mixed");
                MimeBodyPart first = new MimeBodyPart();
                mixed.addBodyPart(first);
                body = first;
            }
            if (k.html().isPresent() && hasText) {
                MimeMultipart alt = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                fillText(text, k, textBody);
                alt.addBodyPart(text);
                MimeBodyPart html = new MimeBodyPart();
                fillHtml(html, k.html().get());
                alt.addBodyPart(html);
                setMultipart(body, alt);
            } else if (k.html().isPresent()) {
                fillHtml(body, k.html().get());
            } else {
                fillText(body, k, textBody);
            }
            if (mixed != null) {
                for (Path a : k.attachments()) {
                    MimeBodyPart part = new MimeBodyPart();
                    part.setDataHandler(new DataHandler(new TypedFileSource(a, contentType(a))));
                    part.setFileName(a.getFileName().toString());
                    part.setDisposition(Part.ATTACHMENT);
                    mixed.addBodyPart(part);
                }
                m.setContent(mixed);
            }
            m.saveChanges();
            try (OutputStream out = Files.newOutputStream(target)) {
                m.writeTo(out);
            }
        } catch (MessagingException e) {
            throw CliException.data("cannot build the message: " + oneLine(e));
        }
    }

    /** The attachment's type from the system's MIME tables (file name extension), else octet-stream. */
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
        return type == null ? "application/octet-stream" : type;
    }

    private static void fillText(MimePart p, CliConfig.Compose k, java.util.Optional<Path> file)
            throws MessagingException {
        if (k.body().isPresent()) {
            p.setText(k.body().get(), "UTF-8");
        } else {
            p.setDataHandler(new DataHandler(new TypedFileSource(file.orElseThrow(), "text/plain; charset=UTF-8")));
            p.setHeader("Content-Type", "text/plain; charset=UTF-8");
        }
    }

    private static void fillHtml(MimePart p, Path file) throws MessagingException {
        p.setDataHandler(new DataHandler(new TypedFileSource(file, "text/html; charset=UTF-8")));
        p.setHeader("Content-Type", "text/html; charset=UTF-8");
    }

    private static void setMultipart(MimePart p, MimeMultipart mp) throws MessagingException {
        if (p instanceof MimeMessage msg) {
            msg.setContent(mp);
        } else {
            ((MimeBodyPart) p).setContent(mp);
        }
    }

    private static InternetAddress address(Mailbox mailbox, String name) throws CliException {
        try {
            return name == null || name.isBlank() ? new InternetAddress(mailbox.address(), null, "UTF-8")
                    : new InternetAddress(mailbox.address(), name.strip(), "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private static InternetAddress[] addresses(List<Mailbox> list) throws CliException {
        List<InternetAddress> out = new ArrayList<>();
        for (Mailbox mb : list) {
            out.add(address(mb, null));
        }
        return out.toArray(InternetAddress[]::new);
    }

    private static String oneLine(Exception e) {
        return ReportPrinter.oneLine(String.valueOf(e.getMessage()));
    }

    /** A Message-ID made here, so Jakarta Mail never looks up this host's name. */
    private static final class LocalIdMessage extends MimeMessage {
        private final String id;

        LocalIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /** A file with a fixed content type. */
    static final class TypedFileSource implements DataSource {
        private final Path file;
        private final String type;

        TypedFileSource(Path file, String type) {
            this.file = file;
            this.type = type;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return Files.newInputStream(file);
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
            return file.getFileName().toString();
        }
    }
}
