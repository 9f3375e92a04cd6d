package dev.sendmail.config;

import java.util.Objects;

/**
 * The account a configuration file gives for one message, and why it was chosen: what
 * {@link ConfigFile#choose} returns, so that a program can tell its user which account sends and for what reason
 * (msmtp's rules: the account asked for by name, else the first whose {@code from} matches the envelope sender,
 * else {@code default}, else the file's defaults). Immutable.
 *
 * @param account the account, with the values it inherits
 * @param reason why this account and no other
 */
public record AccountChoice(Account account, Reason reason) {

    /** Why an account was chosen. */
    public enum Reason {
        /** It was asked for by name (msmtp's {@code -a}). */
        NAMED,
        /**
         * Its {@code from} matches the envelope sender, and it is not the account used without one: the sender
         * changed the account. When the match is the {@code default} account itself, the reason is
         * {@link #USUAL}.
         */
        SENDER,
        /** The account used when neither a name nor a matching sender says otherwise: {@code default}, else the
         * file's defaults. */
        USUAL
    }

    /**
     * Checks that both are given.
     *
     * @param account the account
     * @param reason why it was chosen
     */
    public AccountChoice {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(reason, "reason");
    }
}
