package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Phase;
import dev.sendmail.api.ProtocolViolationException;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.SmtpScript;
import org.junit.jupiter.api.Test;

/**
 * Replies checked against the commands they answer, at the positions only this transport reaches (the shared ones
 * are in the transport contract test): BDAT, RSET on a reused connection, and a pipelined batch answered
 * with more replies than it had commands.
 */
class DialogueTest extends ServerTestSupport {

    @Test
    void aBdatAnsweredWithTheWrongPositiveCodeIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().offer("CHUNKING").afterData("354 go on"));
        ProtocolViolationException e = expect(ProtocolViolationException.class, transport(), simple(server));
        assertEquals(Phase.DATA, e.phase().orElseThrow(), e.getMessage());
        assertTrue(server.received("BDAT"), "the message went as BDAT");
    }

    @Test
    void anUnpipelinedBdatAnsweredWithTheWrongPositiveCodeIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("PIPELINING").offer("CHUNKING")
                .afterData("354 go on"));
        expect(ProtocolViolationException.class, transport(), simple(server));
        assertTrue(server.received("BDAT"), "the message went as BDAT");
    }

    @Test
    void anRsetAnsweredWithTheWrongPositiveCodeIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("RSET", "354 go on"));
        SocketTransport t = transport();
        assertTrue(t.send(simple(server)).allDelivered());
        ProtocolViolationException e = expect(ProtocolViolationException.class, t, simple(server));
        assertTrue(e.getMessage().contains("RSET"), e.getMessage());
        assertEquals(1, server.messages().size(), "the second message was not taken for delivered");
    }

    @Test
    void morePipelinedRepliesThanCommandsIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("RCPT", "250 2.1.5 Ok\n250 2.1.5 Ok"));
        expect(ProtocolViolationException.class, transport(),
                request(server, SIMPLE, "a@example.org", "b@example.net", "c@example.net"));
        assertTrue(server.messages().isEmpty(), "no content was sent");
    }
}
