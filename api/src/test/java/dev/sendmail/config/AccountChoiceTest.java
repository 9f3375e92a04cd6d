package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sendmail.config.AccountChoice.Reason;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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

    private static BufferedInputStream message(String text) {
        return new BufferedInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 16);
    }

    /** A message that must not be read. */
    private static BufferedInputStream unread() {
        return new BufferedInputStream(new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the message was read");
            }
        });
    }

    @Test
    void aMessagesSingleFromPicksTheAccountAsASenderWouldAndTheMessageIsThenReadWhole() throws Exception {
        ConfigFile f = file(SHOP + "account other\nhost other.test\n");
        String text = "From: Sales <sales@shop.test>\nTo: bob@b.test\nSubject: longer than the buffer\n\nhi\n";
        BufferedInputStream in = message(text);
        assertEquals("shop SENDER", chosen(f.choose(Optional.empty(), Optional.empty(), List.of(), in)));
        assertEquals(text, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("defaults USUAL", chosen(f.choose(Optional.empty(), Optional.empty(), List.of(),
                message("From: sales@shop.test, bob@b.test\n\nhi\n"))), "no single From address");
        assertEquals("defaults USUAL", chosen(f.choose(Optional.empty(), Optional.empty(), List.of(),
                message("To: bob@b.test\n\nhi\n"))), "no From field");
    }

    @Test
    void aNameOrASenderGivenLeavesTheMessageUnread() throws Exception {
        ConfigFile f = file(SHOP + "account other\nhost other.test\n");
        assertEquals("other NAMED", chosen(f.choose(Optional.of("other"), Optional.empty(), List.of(), unread())));
        assertEquals("shop SENDER", chosen(f.choose(Optional.empty(), Optional.of("a@shop.test"), List.of(),
                unread())));
        assertEquals(Reason.USUAL, ConfigFile.NONE.choose(Optional.empty(), Optional.empty(), List.of(), unread())
                .reason(), "no account to pick");
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

    @Test
    void theExplanationSaysWhatTheUserDidNotAskFor() throws ConfigException {
        ConfigFile f = file(SHOP + "account default\nhost default.test\n");
        assertEquals(Optional.of("account shop"), f.choose(Optional.of("shop"), Optional.empty()).explanation("-f"));
        assertEquals(Optional.of("the envelope sender selects account 'shop' (its from matches the From field)"),
                f.choose(Optional.empty(), Optional.of("a@shop.test")).explanation("the From field"));
        assertEquals(Optional.empty(), f.choose(Optional.empty(), Optional.of("a@b.test")).explanation("-f"));
    }

    @Test
    void onlyAnAccountTheSenderChoseIsChosenBySender() throws ConfigException {
        ConfigFile f = file(SHOP + "account default\nhost default.test\nfrom *@home.test\n");
        assertEquals(Optional.of("shop"), f.choose(Optional.empty(), Optional.of("b@shop.test")).chosenBySender());
        assertEquals(Optional.empty(), f.choose(Optional.empty(), Optional.of("me@home.test")).chosenBySender(),
                "the default account");
        assertEquals(Optional.empty(), f.choose(Optional.of("shop"), Optional.of("b@shop.test")).chosenBySender(),
                "named, though the sender matches it too");
        assertEquals(Optional.empty(), f.choose(Optional.empty(), Optional.empty()).chosenBySender());
        assertEquals(Optional.empty(), f.choose(Optional.empty(), Optional.of("b@shop.test"),
                List.of(Map.entry(ConfigKey.HOST, "cli.test"))).chosenBySender(), "msmtp's --host");
    }

    @Test
    void msmtpsOptionsGoOverTheChosenAccountInOrder() throws ConfigException {
        ConfigFile f = file(SHOP + "port 2525\nuser shopper\n");
        AccountChoice c = f.choose(Optional.empty(), Optional.of("a@shop.test"), List.of(
                Map.entry(ConfigKey.TLS_STARTTLS, "on"), Map.entry(ConfigKey.PORT, "587"),
                Map.entry(ConfigKey.TLS_STARTTLS, "off"), Map.entry(ConfigKey.USER, " ")));
        assertEquals("shop SENDER", chosen(c));
        assertEquals(Optional.of("shop.test"), c.account().get(ConfigKey.HOST));
        assertEquals(Optional.of("587"), c.account().get(ConfigKey.PORT));
        assertEquals(Optional.of("off"), c.account().get(ConfigKey.TLS_STARTTLS), "the last one wins");
        assertEquals(Optional.empty(), c.account().get(ConfigKey.USER), "a blank value unsets the key");
        assertEquals("--tls-starttls=off", c.account().setting(ConfigKey.TLS_STARTTLS));
        assertEquals(f.choose(Optional.of("shop"), Optional.empty()), f.choose(Optional.of("shop"), Optional.empty(),
                List.of()));
    }

    @Test
    void msmtpsHostUsesNoAccountOfTheFile() throws ConfigException {
        ConfigFile f = file(SHOP + "account default\nhost default.test\nuser someone\n");
        AccountChoice c = f.choose(Optional.empty(), Optional.of("a@shop.test"),
                List.of(Map.entry(ConfigKey.HOST, "cli.test")));
        assertEquals("(command line) COMMAND_LINE", chosen(c));
        assertEquals(Optional.of("cli.test"), c.account().get(ConfigKey.HOST));
        assertEquals(Optional.empty(), c.account().get(ConfigKey.USER));
        assertEquals(Optional.empty(), c.explanation("-f"));
        assertEquals("shop SENDER", chosen(f.choose(Optional.empty(), Optional.of("a@shop.test"),
                List.of(Map.entry(ConfigKey.HOST, "")))), "a blank --host= only unsets the key");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.choose(Optional.of("shop"),
                Optional.empty(), List.of(Map.entry(ConfigKey.HOST, "cli.test"))));
        assertTrue(e.getMessage().startsWith("--host and --account exclude each other"), e.getMessage());
    }

    @Test
    void aValueItsKeyRefusesNamesTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> file(SHOP).choose(
                Optional.empty(), Optional.empty(), List.of(Map.entry(ConfigKey.PORT, "x\ny"))));
        assertTrue(e.getMessage().startsWith("--port=x\\u000Ay: "), e.getMessage());
    }
}
