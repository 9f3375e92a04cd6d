package dev.sendmail.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The account a configuration file gives for one message, and why it was chosen: what
 * {@link ConfigFile#choose} returns, so that a program can tell its user which account sends and for what reason
 * (msmtp's rules: the account asked for by name, else the first whose {@code from} matches the envelope sender,
 * else {@code default}, else the file's defaults; msmtp's {@code --host} uses none of them). Immutable.
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
        USUAL,
        /**
         * No account of the file: msmtp's {@code --host} was given, and the settings on the command line alone say
         * how to send ({@link ConfigFile#choose(Optional, Optional, java.util.List)}).
         */
        COMMAND_LINE
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

    /**
     * The account's name when msmtp's account selection by the envelope sender picked it ({@link Reason#SENDER}).
     *
     * @return the name; empty for an account asked for by name, the usual account, or the command line's settings
     */
    public Optional<String> chosenBySender() {
        return reason == Reason.SENDER ? Optional.of(account.name()) : Optional.empty();
    }

    /**
     * Why this account sends, for a program that tells its user (msmtp-style verbose output); empty when there is
     * nothing the user would not expect: the usual account, or the command line's settings alone.
     *
     * @param senderOrigin where the envelope sender that matched came from, as the user knows it ({@code -f},
     *     {@code the From field})
     * @return {@code account NAME} for an account named; {@code the envelope sender selects account 'NAME' (its
     *     from matches ORIGIN)} for one the sender chose
     */
    public Optional<String> explanation(String senderOrigin) {
        return switch (reason) {
            case NAMED -> Optional.of("account " + account.name());
            case SENDER -> Optional.of("the envelope sender selects account '" + account.name() + "' (its from matches "
                    + senderOrigin + ")");
            case USUAL, COMMAND_LINE -> Optional.empty();
        };
    }
}
