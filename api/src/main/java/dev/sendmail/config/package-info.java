/**
 * msmtp's configuration format as a library: find and read the user's file
 * ({@link dev.sendmail.config.ConfigFileLoader}), select an account ({@link dev.sendmail.config.ConfigFile}), read
 * its checked values by key ({@link dev.sendmail.config.Account}, {@link dev.sendmail.config.ConfigKey}), the
 * aliases file and where a password comes from ({@link dev.sendmail.config.PasswordSource}).
 */
package dev.sendmail.config;
