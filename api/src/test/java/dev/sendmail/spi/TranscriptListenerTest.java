package dev.sendmail.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sendmail.api.SmtpReply;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptListenerTest {

    /** Records each event as one line, with a name in front. */
    private static TranscriptListener recorder(String name, List<String> log) {
        return new TranscriptListener() {
            @Override
            public void connected(String host, InetSocketAddress address) {
                log.add(name + " connected " + host + " " + address.getPort());
            }

            @Override
            public void tlsEstablished(String host, String protocol, String cipherSuite) {
                log.add(name + " tls " + host + " " + protocol + " " + cipherSuite);
            }

            @Override
            public void command(String host, String line) {
                log.add(name + " command " + host + " " + line);
            }

            @Override
            public void reply(String host, SmtpReply reply) {
                log.add(name + " reply " + host + " " + reply);
            }

            @Override
            public void note(String host, String message) {
                log.add(name + " note " + host + " " + message);
            }
        };
    }

    @Test
    void allPassesEveryEventToEachListenerInOrder() {
        List<String> log = new ArrayList<>();
        TranscriptListener both = TranscriptListener.all(List.of(recorder("a", log), TranscriptListener.NONE,
                recorder("b", log)));
        both.connected("mx", InetSocketAddress.createUnresolved("mx", 25));
        both.tlsEstablished("mx", "TLSv1.3", "TLS_AES_128_GCM_SHA256");
        both.command("mx", "EHLO h");
        both.reply("mx", SmtpReply.of(250, "ok"));
        both.note("mx", "n");
        assertEquals(List.of("a connected mx 25", "b connected mx 25", "a tls mx TLSv1.3 TLS_AES_128_GCM_SHA256",
                "b tls mx TLSv1.3 TLS_AES_128_GCM_SHA256", "a command mx EHLO h", "b command mx EHLO h",
                "a reply mx 250 ok", "b reply mx 250 ok", "a note mx n", "b note mx n"), log);
    }

    @Test
    void noneOrOneListenerNeedsNoTee() {
        TranscriptListener one = recorder("a", new ArrayList<>());
        assertSame(one, TranscriptListener.all(List.of(TranscriptListener.NONE, one)));
        assertSame(TranscriptListener.NONE, TranscriptListener.all(List.of()));
        assertSame(TranscriptListener.NONE, TranscriptListener.all(List.of(TranscriptListener.NONE)));
    }
}
