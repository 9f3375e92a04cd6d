package dev.sendmail.transport.jakarta;

/**
 * How the commands of one message are to be decorated, decided before MAIL FROM.
 *
 * @param reversePath the reverse-path as it appears on MAIL FROM, brackets included ({@code <>} for the null sender)
 * @param smtpUtf8 keep the SMTPUTF8 parameter Angus adds to MAIL FROM
 * @param originalRecipient add ORCPT to each RCPT TO (DSN)
 */
record MessagePlan(String reversePath, boolean smtpUtf8, boolean originalRecipient) {
}
