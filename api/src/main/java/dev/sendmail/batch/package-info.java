/**
 * Sending many messages from one process: {@link dev.sendmail.batch.MessageBatch} finds them in a directory, a
 * Maildir or an mbox file, {@link dev.sendmail.batch.BatchItem} reads each one's envelope, and
 * {@link dev.sendmail.batch.Lanes} plans how they share connections.
 */
package dev.sendmail.batch;
