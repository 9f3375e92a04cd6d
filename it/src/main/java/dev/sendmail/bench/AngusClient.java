package dev.sendmail.bench;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;

/**
 * Plain Jakarta Mail (Eclipse Angus) as users write it, with its shipped defaults: a {@link Session} from
 * properties and a parsed {@link MimeMessage}. Reused: one {@code Transport} per lane, connected once, then
 * {@code sendMessage} per message (what bulk senders do). Static: {@code Transport.send(message)}, which opens
 * and closes a connection for every message (what most code does).
 */
final class AngusClient implements MessageClient {

    private final boolean reuse;
    private final Session session;
    private final MimeMessage message;
    private final Address[] recipients;
    private final Transport[] lanes;

    AngusClient(BenchOptions o, boolean reuse) throws Exception {
        this.reuse = reuse;
        Properties props = new Properties();
        props.put("mail.smtp.host", o.host());
        props.put("mail.smtp.port", Integer.toString(o.port()));
        props.put("mail.smtp.localhost", "bench.example.test");
        session = Session.getInstance(props);
        byte[] raw = BenchMessage.bytes(o.size(), "bench@example.test", "r0@example.test");
        message = new MimeMessage(session, new ByteArrayInputStream(raw));
        recipients = new Address[o.recipients()];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = new InternetAddress("r" + i + "@example.test");
        }
        message.setFrom(new InternetAddress("bench@example.test"));
        message.setRecipients(MimeMessage.RecipientType.TO, recipients);
        message.saveChanges();
        lanes = new Transport[o.connections()];
        if (reuse) {
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = session.getTransport("smtp");
                lanes[i].connect();
            }
        }
    }

    @Override
    public void send(int lane) throws Exception {
        if (reuse) {
            lanes[lane].sendMessage(message, recipients);
        } else {
            Transport.send(message);
        }
    }

    @Override
    public void close() {
        for (Transport t : lanes) {
            if (t != null) {
                try {
                    t.close();
                } catch (Exception e) {
                    System.err.println("bench: closing an Angus transport: " + e);
                }
            }
        }
    }
}
