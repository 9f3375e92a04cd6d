/**
 * Sending many messages from one process: {@link dev.sendmail.batch.MessageBatch} finds them in a directory, a
 * Maildir or an mbox file, {@link dev.sendmail.batch.BatchItem} reads each one's envelope, and
 * {@link dev.sendmail.batch.Lanes} plans how they share connections; {@link dev.sendmail.batch.BatchPlan} sends
 * them through one Sender in those lanes; {@link dev.sendmail.batch.BatchResult} says what became of each message
 * and {@link dev.sendmail.batch.BatchTally} counts them.
 */
package dev.sendmail.batch;
