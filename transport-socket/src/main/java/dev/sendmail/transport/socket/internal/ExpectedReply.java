package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.SmtpReply;

/**
 * The replies each command may get (RFC 5321 4.3.2). A failure (4xx, 5xx) is always a possible answer and is left
 * to the caller; a positive code the command cannot get means the dialogue is out of step (a server that sent a
 * reply nobody asked for shifts every later reply by one), so it is a protocol violation: a 250 read as the answer
 * to DATA must never turn into "delivered".
 */
final class ExpectedReply {

    private ExpectedReply() {
    }

    /**
     * Returns {@code reply} when it is a failure or one of {@code codes}.
     *
     * @param command what the reply answers, for the message ({@code DATA}, {@code end of data})
     * @throws MalformedReplyException for any other positive code
     */
    static SmtpReply check(SmtpReply reply, String command, int... codes) throws MalformedReplyException {
        if (!reply.isPositive()) {
            return reply;
        }
        for (int c : codes) {
            if (reply.code() == c) {
                return reply;
            }
        }
        StringBuilder expected = new StringBuilder();
        for (int c : codes) {
            expected.append(expected.length() == 0 ? "" : " or ").append(c);
        }
        throw new MalformedReplyException("unexpected reply to " + command + " (expected " + expected + "): "
                + reply);
    }
}
