package dev.sendmail.transport.jakarta;

import dev.sendmail.api.Dsn;

/**
 * How the commands of one message are to be decorated, decided before MAIL FROM.
 *
 * @param reversePath the reverse-path as it appears on MAIL FROM, brackets included ({@code <>} for the null sender)
 * @param smtpUtf8 keep the SMTPUTF8 parameter Angus adds to MAIL FROM
 * @param originalRecipient add ORCPT to each RCPT TO (DSN)
 */
record MessagePlan(String reversePath, boolean smtpUtf8, boolean originalRecipient) {

    /** The command Angus wrote, with the parameters it cannot express: SMTPUTF8 dropped, ORCPT added. */
    String decorate(String cmd) {
        if (cmd.startsWith("MAIL FROM:")) {
            String head = "MAIL FROM:" + reversePath;
            String utf8 = " SMTPUTF8";
            if (!smtpUtf8 && cmd.startsWith(head + utf8)
                    && (cmd.length() == head.length() + utf8.length()
                        || cmd.charAt(head.length() + utf8.length()) == ' ')) {
                return head + cmd.substring(head.length() + utf8.length());
            }
            return cmd;
        }
        if (originalRecipient && cmd.startsWith("RCPT TO:<")) {
            int close = cmd.lastIndexOf('>'); // a quoted local part may hold '>'; parameters never do
            if (close > 0) {
                String address = cmd.substring(9, close);
                return cmd + " ORCPT=rfc822;" + Dsn.xtext(address);
            }
        }
        return cmd;
    }
}
