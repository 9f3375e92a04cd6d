package dev.sendmail.cli.command;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.SendMailException;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.OAuth2Account;
import dev.sendmail.oauth2.OAuth2Login;
import java.io.IOException;

/**
 * {@code --oauth2-login [ACCOUNT]}: the account's first sign-in (device grant, else authorization code with PKCE
 * and a loopback redirect), which stores its refresh token. The URL and code go to standard output; a browser is
 * started only with {@code --open-browser} ({@code $BROWSER}, else {@code xdg-open}).
 */
public record OAuth2LoginCommand(boolean openBrowser) implements Command {

    @Override
    public int run(Invocation inv) throws CliException, ConfigException, SendMailException {
        OAuth2Account account = SenderSetup.oauth2(inv);
        OAuth2Login.Builder b = OAuth2Login.builder().client(account.client()).store(account.store())
                .cacheFile(account.cacheFile()).trust(inv.config().server().security().trust())
                .output(line -> inv.out().println(ControlCharacters.oneLine(line)));
        if (openBrowser) {
            b.browser(OAuth2Login.browserProgram(inv.env().user().variable("BROWSER").orElse("xdg-open"), inv::warn));
        }
        try {
            String grant = b.build().run();
            inv.info("account " + account.name() + ": signed in (" + grant + " grant); refresh token "
                    + "stored in " + account.store().describe());
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new CliException(ExitCodes.CONFIG, String.valueOf(e.getMessage()));
        }
    }
}
