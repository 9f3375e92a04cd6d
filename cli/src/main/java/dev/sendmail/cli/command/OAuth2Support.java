package dev.sendmail.cli.command;

import dev.sendmail.cli.output.CliException;
import dev.sendmail.oauth2.OAuth2Client;
import dev.sendmail.oauth2.OAuth2Config;
import dev.sendmail.oauth2.OAuth2TokenSource;
import dev.sendmail.oauth2.RefreshTokenFile;
import java.io.IOException;
import java.nio.file.Path;

/** The account's OAuth 2 token source and files, from its {@code oauth2_*} keys and the SMTP trust settings. */
final class OAuth2Support {

    private OAuth2Support() {
    }

    static String account(Invocation inv) {
        return inv.config().account().filter(a -> !a.equals("defaults")).orElse("default");
    }

    static OAuth2Config config(Invocation inv) throws CliException {
        return inv.config().auth().oauth2().orElseThrow(() -> CliException.config("account " + account(inv)
                + " has no OAuth2 settings (auth xoauth2 or oauthbearer, and oauth2_client_id)"));
    }

    static OAuth2Client client(Invocation inv) throws CliException {
        try {
            return config(inv).client();
        } catch (IOException | IllegalArgumentException e) {
            throw CliException.config(String.valueOf(e.getMessage()));
        }
    }

    static RefreshTokenFile store(Invocation inv) throws CliException {
        return new RefreshTokenFile(config(inv).refreshTokenFile(inv.env().user().dataDirectory(), account(inv)));
    }

    static Path cacheFile(Invocation inv) {
        return OAuth2TokenSource.cacheFile(inv.env().user().cacheDirectory(), account(inv));
    }

    static String loginHint(Invocation inv) {
        return "run send-mail --oauth2-login " + account(inv);
    }

    static OAuth2TokenSource tokenSource(Invocation inv) throws CliException {
        try {
            return OAuth2TokenSource.builder().client(client(inv)).store(store(inv)).cacheFile(cacheFile(inv))
                    .trust(inv.config().security().trust()).loginHint(loginHint(inv)).build();
        } catch (IOException e) {
            throw CliException.config(String.valueOf(e.getMessage()));
        }
    }
}
