package dev.sendmail.config;

/**
 * An account of a configuration file, typed: how to reach its server and what to do to its messages. Immutable.
 *
 * <pre>{@code
 * AccountSettings s = AccountSettings.of(ConfigFile.load(path).account("work"), UserEnvironment.current());
 * s.server().routing().smartHosts();   // host, fallback_host, port
 * s.message().from();                  // from, auto_from
 * }</pre>
 *
 * @param account the account's name ({@code defaults} for the defaults section)
 * @param server where mail goes, TLS and credentials
 * @param message the sender, header policy, DSN, aliases, queue and log
 */
public record AccountSettings(String account, ServerSettings server, MessageSettings message) {

    /**
     * Reads both halves of {@code account}.
     *
     * @param account the account
     * @param env environment variables, home directory ({@code ~}) and system directory
     * @return the settings
     * @throws ConfigException for a value that cannot be used, naming the key and where it was set
     */
    public static AccountSettings of(Account account, UserEnvironment env) throws ConfigException {
        ServerSettings server;
        try {
            server = ServerSettings.builder(account, env).build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigException.Reason.INVALID, account.name() + ": " + e.getMessage());
        }
        return new AccountSettings(account.name(), server, MessageSettings.of(account, env));
    }
}
