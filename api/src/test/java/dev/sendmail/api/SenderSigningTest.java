package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.testing.MemoryTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Sender.Builder#signer}: signed once, before routing; an unsignable message is not sent. */
class SenderSigningTest {

    private final MemoryTransport memory = new MemoryTransport();
    private final SenderTest.ScriptedResolver resolver = new SenderTest.ScriptedResolver()
            .mx("a.test", "mx1.a.test", "mx2.a.test").mx("b.test", "mx.b.test");
    private final MessageContent content = MessageContent.of("Subject: t\r\n\r\nhello\r\n");

    @Test
    void signerSignsOnceAndEveryHostGetsTheSignedOctets() {
        int[] calls = {0};
        MessageSigner signer = c -> {
            calls[0]++;
            return MessageContent.of("X-Signed: yes\r\n" + new String(c.open().readAllBytes(), StandardCharsets.US_ASCII));
        };
        memory.failHost("mx1.a.test", new ConnectionFailedException("refused", Phase.CONNECT, "mx1.a.test", null));
        Sender s = Sender.builder().transport(memory).resolver(resolver).signer(signer).build();
        DeliveryReport r = s.send(Envelope.of("s@x.test", "u@a.test", "u@b.test"), content, DeliveryOptions.DEFAULT);
        assertTrue(r.allDelivered(), r.toString());
        assertEquals(1, calls[0]);
        assertEquals(2, memory.sent().size());
        for (MemoryTransport.Sent sent : memory.sent()) {
            assertEquals("X-Signed: yes\r\nSubject: t\r\n\r\nhello\r\n",
                    new String(sent.content(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aMessageThatCannotBeSignedIsNotSentAndEveryRecipientFails() {
        MessageSigner signer = c -> {
            throw new IOException("the message has no From field; DKIM cannot sign it");
        };
        Sender s = Sender.builder().transport(memory).resolver(resolver).signer(signer).build();
        DeliveryReport r = s.send(Envelope.of("s@x.test", "u@a.test", "u@b.test"), content, DeliveryOptions.DEFAULT);
        assertTrue(memory.sent().isEmpty());
        assertEquals(2, r.outcomes().size());
        for (RecipientOutcome o : r.outcomes()) {
            assertEquals(DeliveryStatus.FAILED, o.status());
            assertTrue(o.failure().orElseThrow() instanceof LocalPolicyException);
            assertEquals("not signed: the message has no From field; DKIM cannot sign it", o.detail());
        }
    }
}
