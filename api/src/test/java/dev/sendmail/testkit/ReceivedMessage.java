package dev.sendmail.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One message the {@link FakeSmtpServer} received.
 *
 * @param mailFrom the MAIL command line as received
 * @param rcptTo the RCPT command lines the server accepted (2xx), as received
 * @param wire the octets after the 354 reply up to and including the final {@code .CRLF} (DATA), or the BDAT
 *        chunk octets concatenated
 * @param content the message with dot-stuffing removed and without the final dot line
 * @param bdat true when the message came with BDAT
 */
public record ReceivedMessage(String mailFrom, List<String> rcptTo, byte[] wire, byte[] content, boolean bdat) {

    public ReceivedMessage {
        rcptTo = List.copyOf(rcptTo);
    }

    public String wireText() {
        return new String(wire, StandardCharsets.ISO_8859_1);
    }

    public String contentText() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
