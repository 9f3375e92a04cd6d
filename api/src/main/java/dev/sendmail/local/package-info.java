/**
 * What a local mail program needs around delivery, the way sendmail and msmtp do it: spooling a raw message from
 * standard input into a re-openable {@link dev.sendmail.api.MessageContent} with bounded memory
 * ({@link dev.sendmail.local.MessageSpool}), addressing it as {@code sendmail -t}, {@code -f} and msmtp's header
 * keys do ({@link dev.sendmail.local.SendmailSubmission}), keeping undelivered mail in {@code ~/dead.letter}
 * ({@link dev.sendmail.local.DeadLetter}), this host's identity without DNS
 * ({@link dev.sendmail.local.LocalIdentity}); msmtp's delivery log is {@link dev.sendmail.config.MessageLog}.
 */
package dev.sendmail.local;
