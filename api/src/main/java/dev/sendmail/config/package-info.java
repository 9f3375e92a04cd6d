/**
 * msmtp's configuration format as a library: find and read the user's file
 * ({@link dev.sendmail.config.ConfigFileLoader}), select an account ({@link dev.sendmail.config.ConfigFile}), read
 * its checked values by key ({@link dev.sendmail.config.Account}, {@link dev.sendmail.config.ConfigKey}), the
 * aliases file and where a password comes from ({@link dev.sendmail.config.PasswordSource}). What an account
 * means for sending: its server settings ({@link dev.sendmail.config.ServerSettings}) and what they give a
 * transport, a resolver and a {@link dev.sendmail.api.Sender} ({@link dev.sendmail.config.ServerSetup}), which
 * account takes which envelope sender's mail ({@link dev.sendmail.config.SenderAccounts}), the route a queued
 * message records ({@link dev.sendmail.config.QueueRoutes}) and the header keys of sendmail mode
 * ({@link dev.sendmail.config.MessagePolicy}).
 */
package dev.sendmail.config;
