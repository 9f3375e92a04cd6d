package dev.sendmail.config;

import dev.sendmail.api.TrustSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * msmtp's TLS keys that refine {@link TrustSettings}: {@code tls_host_override} (the name the server certificate is
 * checked against), {@code tls_crl_file} (revocation lists) and {@code tls_priorities} (the protocol versions,
 * through {@link TlsPriorities}). Stateless.
 */
public final class TlsKeys {

    private TlsKeys() {
    }

    /**
     * Applies the account's TLS keys to {@code trust}.
     *
     * @param account the selected account (with command-line keys on top)
     * @param trust the settings so far
     * @param env expands {@code ~} in the CRL file's name
     * @param warnings receives one line, naming the setting and where it was set, for each part of
     *        {@code tls_priorities} that cannot be mapped
     * @return the settings with the keys applied
     * @throws ConfigException {@link ConfigException.Reason#INVALID} when the CRL file cannot be read (the file is
     *         read when the transport is made; here it must exist) or a value is bad
     */
    public static TrustSettings apply(Account account, TrustSettings trust, UserEnvironment env,
                                      Consumer<String> warnings) throws ConfigException {
        TrustSettings t = trust;
        try {
            if (account.get(ConfigKey.TLS_HOST_OVERRIDE).isPresent()) {
                t = t.withHostOverride(account.get(ConfigKey.TLS_HOST_OVERRIDE).get());
            }
            if (account.get(ConfigKey.TLS_CRL_FILE).isPresent()) {
                Path crl = env.expand(account.get(ConfigKey.TLS_CRL_FILE).get());
                if (!Files.isRegularFile(crl) || !Files.isReadable(crl)) {
                    throw ConfigException.invalid(account.setting(ConfigKey.TLS_CRL_FILE) + ": cannot read " + crl);
                }
                t = t.withCrlFile(crl);
            }
            if (account.get(ConfigKey.TLS_PRIORITIES).isPresent()) {
                TlsPriorities p = TlsPriorities.parse(account.get(ConfigKey.TLS_PRIORITIES).get());
                t = t.withProtocols(p.protocols());
                if (!p.unmapped().isEmpty()) {
                    warnings.accept(account.setting(ConfigKey.TLS_PRIORITIES) + ": not mapped: "
                            + String.join(", ", p.unmapped()) + "; enabled: " + String.join(", ", t.protocols()));
                }
            }
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(e.getMessage());
        }
        return t;
    }
}
