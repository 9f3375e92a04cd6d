package dev.sendmail.cli.input;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Message;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.cli.output.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Compose mode: maps the options onto {@link Message#builder()}, which writes the MIME (RFC 2047 headers,
 * RFC 2231 file names, quoted-printable or base64 per part) whenever the message is read. Only the checks that
 * name an option stay here.
 */
public final class Composer {

    private Composer() {
    }

    /**
     * @param c the settings (compose part, recipients with their display names, full name)
     * @param from the author for the From field
     * @param envelopeSender the reverse-path; empty for the null sender
     * @param textBody the text body file, when the body is not given inline ({@code --body-file} or spooled stdin)
     * @param env the clock for Date and Message-ID
     * @throws CliException 65 for a value the message cannot carry (a body file that is not UTF-8 too)
     * @throws IOException for a body file that cannot be read
     */
    public static Message compose(CliConfig c, Mailbox from, Optional<Mailbox> envelopeSender,
                                  Optional<Path> textBody, Environment env) throws CliException, IOException {
        CliConfig.Compose k = c.compose();
        Message.Builder b = Message.builder().clock(env.clock());
        String what = "the message";
        try {
            what = "-F";
            b.from(from, c.envelope().fullName().orElse(null));
            b.envelopeSender(envelopeSender.map(Mailbox::address).orElse("<>"));
            what = "--to";
            c.envelope().recipients().forEach(m -> b.to(m, c.envelope().displayNames().get(m)));
            what = "--cc";
            c.envelope().cc().forEach(m -> b.cc(m, c.envelope().displayNames().get(m)));
            what = "--bcc";
            b.bcc(c.envelope().bcc().stream().map(Mailbox::address).toArray(String[]::new));
            what = "--reply-to";
            b.replyTo(k.replyTo().toArray(String[]::new));
            what = "--subject";
            b.subject(k.subject().orElse(""));
            what = "--header";
            for (Map.Entry<String, String> h : k.headers()) {
                b.header(h.getKey(), h.getValue());
            }
            what = "--list-unsubscribe";
            if (!k.unsubscribe().isEmpty()) {
                b.listUnsubscribe(k.unsubscribe());
            }
            what = k.body().isPresent() ? "--body" : k.bodyFile().map(f -> "--body-file " + f).orElse("standard input");
            if (k.body().isPresent()) {
                b.text(k.body().get());
            } else if (k.html().isEmpty() || Files.size(textBody.orElseThrow()) > 0) {
                b.text(textBody.orElseThrow()); // checked to be UTF-8 here
            }
            what = "--html " + k.html().orElse(null);
            k.html().ifPresent(b::html);
            what = "--attach";
            for (Path a : k.attachments()) {
                b.attach(a);
            }
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw CliException.data(what + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a body file that cannot be read
        }
    }
}
