package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sendmail.api.Mailbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which account takes the mail of which envelope sender (sender-dependent relaying). */
class SenderAccountsTest {

    private static final UserEnvironment ENV = new UserEnvironment(Map.of("USER", "tester"), Path.of("/home/t"),
            Path.of("/etc"));

    private static final String FILE = """
            account default
            host smtp.a.test
            from me@a.test

            account sales
            host smtp.sales.test
            from Sales@A.test

            account shop
            host smtp.shop.test
            from *@Shop.test

            account many
            host smtp.many.test
            from *@*.test

            account again
            host smtp.again.test
            from sales@a.test

            account nofrom
            host smtp.none.test
            """;

    private static ConfigFile file() throws ConfigException {
        return ConfigFile.parse("rc", FILE);
    }

    private static Optional<String> account(SenderAccounts s, String sender) {
        return s.accountFor(Optional.of(Mailbox.parse(sender))).map(Account::name);
    }

    @Test
    void accountsWithAnAddressOrAWholeDomainTakeThatMailFirstInFileOrder() throws Exception {
        SenderAccounts s = SenderAccounts.of(file(), Optional.of("default"), ENV);
        assertEquals(List.of("sales@a.test", "shop.test"), List.copyOf(s.byKey().keySet()));
        assertEquals(Optional.of("sales"), account(s, "SALES@a.test"), "the first account for an address wins");
        assertEquals(Optional.of("shop"), account(s, "anyone@shop.TEST"));
        assertEquals(Optional.empty(), account(s, "me@a.test"), "the account in use keeps its own mail");
        assertEquals(Optional.empty(), account(s, "x@other.test"), "other patterns are left to account selection");
        assertEquals(Optional.empty(), s.accountFor(Optional.empty()), "the null sender");
        assertEquals(Optional.of("shop.test"), s.keyFor(Mailbox.parse("a@shop.test")));
    }

    @Test
    void onlyForKeepsTheOneRouteASenderTakes() throws Exception {
        SenderAccounts s = SenderAccounts.of(file(), Optional.of("default"), ENV);
        assertEquals(List.of("shop.test"), List.copyOf(s.onlyFor(Mailbox.parse("b@shop.test")).byKey().keySet()));
        assertSame(SenderAccounts.NONE, s.onlyFor(Mailbox.parse("me@a.test")));
    }

    @Test
    void noRoutesWhenAnotherAccountIsInUseOrThereIsNoFile() throws Exception {
        assertSame(SenderAccounts.NONE, SenderAccounts.of(file(), Optional.of("shop"), ENV));
        assertSame(SenderAccounts.NONE, SenderAccounts.of(ConfigFile.NONE, Optional.empty(), ENV));
    }
}
