package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sendmail.config.AccountChoice.Reason;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountChoiceTest {

    private static final String SHOP = """
            defaults
            host defaults.test
            account shop
            from *@shop.test
            host shop.test
            """;

    private static ConfigFile file(String text) throws ConfigException {
        return ConfigFile.parse("rc", text);
    }

    private static String chosen(AccountChoice c) {
        return c.account().name() + " " + c.reason();
    }

    @Test
    void aNamedAccountWinsOverTheSendersMatch() throws ConfigException {
        ConfigFile f = file(SHOP + "account other\nhost other.test\n");
        assertEquals("other NAMED", chosen(f.choose(Optional.of("other"), Optional.of("sales@shop.test"))));
        ConfigException e = assertThrows(ConfigException.class,
                () -> f.choose(Optional.of("nope"), Optional.of("sales@shop.test")));
        assertEquals(ConfigException.Reason.INVALID, e.reason());
    }

    @Test
    void theSendersMatchIsTheReasonWhenItChangesTheAccount() throws ConfigException {
        ConfigFile withDefault = file(SHOP + "account default\nhost default.test\n");
        assertEquals("shop SENDER", chosen(withDefault.choose(Optional.empty(), Optional.of(" Sales@Shop.Test "))));
        ConfigFile withoutDefault = file(SHOP);
        assertEquals("shop SENDER", chosen(withoutDefault.choose(Optional.empty(), Optional.of("a@shop.test"))));
    }

    @Test
    void withoutAMatchTheUsualAccountIsChosen() throws ConfigException {
        ConfigFile withDefault = file(SHOP + "account default\nhost default.test\n");
        assertEquals("default USUAL", chosen(withDefault.choose(Optional.empty(), Optional.of("bob@b.test"))));
        assertEquals("default USUAL", chosen(withDefault.choose(Optional.empty(), Optional.empty())));
        ConfigFile withoutDefault = file(SHOP);
        assertEquals("defaults USUAL", chosen(withoutDefault.choose(Optional.empty(), Optional.of("bob@b.test"))));
        assertEquals("defaults.test", withoutDefault.choose(Optional.empty(), Optional.empty()).account()
                .get(ConfigKey.HOST).orElseThrow());
    }

    @Test
    void whenTheSenderMatchesTheDefaultAccountItselfTheReasonIsTheUsualOne() throws ConfigException {
        // msmtp would pick default anyway: nothing to tell the user
        ConfigFile f = file("account default\nhost default.test\nfrom *@home.test\n"
                + "account shop\nfrom *@shop.test\n");
        assertEquals("default USUAL", chosen(f.choose(Optional.empty(), Optional.of("me@home.test"))));
        assertEquals("shop SENDER", chosen(f.choose(Optional.empty(), Optional.of("me@shop.test"))));
    }

    @Test
    void selectGivesTheChosenAccount() throws ConfigException {
        ConfigFile f = file(SHOP + "account default\nhost default.test\n");
        assertEquals(f.choose(Optional.empty(), Optional.of("x@shop.test")).account(),
                f.select(Optional.empty(), Optional.of("x@shop.test")));
    }
}
