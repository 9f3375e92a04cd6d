package dev.sendmail.config;

/**
 * What sendmail mode does to the header of a message before sending it, from msmtp's keys
 * ({@code set_from_header}, {@code set_date_header}, {@code set_msgid_header}, {@code remove_bcc_headers},
 * {@code undisclosed_recipients}, and the older {@code add_missing_from_header} and
 * {@code add_missing_date_header}). The defaults are msmtp's: add a missing From, Date and Message-ID, remove
 * Bcc fields, keep To and Cc.
 *
 * @param from what happens to the From field
 * @param addDate add a Date field when there is none
 * @param addMessageId add a Message-ID field when there is none
 * @param removeBcc remove Bcc and Resent-Bcc fields
 * @param undisclosed replace To, Cc and Bcc with {@code To: undisclosed-recipients:;}
 */
public record MessagePolicy(FromField from, boolean addDate, boolean addMessageId, boolean removeBcc,
                            boolean undisclosed) {

    /** What {@code set_from_header} asks for. */
    public enum FromField {
        /** Add a From field with the envelope sender when the message has none. */
        AUTO,
        /** Replace every From field with one naming the envelope sender. */
        ON,
        /** Leave the From fields as they are; add none. */
        OFF
    }

    /** msmtp's defaults. */
    public static final MessagePolicy DEFAULT = new MessagePolicy(FromField.AUTO, true, true, true, false);

    /**
     * The policy of {@code account}'s keys; {@code set_*} keys win over the older {@code add_missing_*} ones.
     *
     * @param account the account
     * @return the policy, msmtp's default for each key the account does not set
     */
    public static MessagePolicy of(Account account) {
        FromField from = account.get(ConfigKey.SET_FROM_HEADER).map(v -> FromField.valueOf(v.toUpperCase(
                java.util.Locale.ROOT))).orElse(account.flag(ConfigKey.ADD_MISSING_FROM_HEADER).orElse(true)
                ? FromField.AUTO : FromField.OFF);
        boolean date = account.get(ConfigKey.SET_DATE_HEADER).map("auto"::equals)
                .orElse(account.flag(ConfigKey.ADD_MISSING_DATE_HEADER).orElse(true));
        boolean id = account.get(ConfigKey.SET_MSGID_HEADER).map("auto"::equals).orElse(true);
        return new MessagePolicy(from, date, id, account.flag(ConfigKey.REMOVE_BCC_HEADERS).orElse(true),
                account.flag(ConfigKey.UNDISCLOSED_RECIPIENTS).orElse(false));
    }
}
