package dev.sendmail.transport.socket.internal.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sendmail.api.Credentials;
import dev.sendmail.api.Secret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PLAIN (RFC 4616), LOGIN, CRAM-MD5 (RFC 2195 example), XOAUTH2, and the choice among them. */
class SimpleMechanismsTest {

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void plainSendsAuthcidAndPasswordInTheInitialResponse() throws SaslFailure {
        PlainMechanism m = new PlainMechanism("tim", "tanstaaf".toCharArray());
        assertEquals("\0tim\0tanstaaf", s(m.initialResponse()));
        assertEquals("\0tim\0tanstaaf", s(m.evaluate(new byte[0])), "after an empty challenge");
    }

    @Test
    void aNonAsciiPasswordTravelsAsUtf8AndALoneSurrogateIsRefused() throws SaslFailure {
        assertEquals("\0tim\0p\u00e4ss\u20ac\ud83d\udce7", s(new PlainMechanism("tim",
                "p\u00e4ss\u20ac\ud83d\udce7".toCharArray()).initialResponse()));
        assertEquals("p\u00e4ss", s(new LoginMechanism("tim", "p\u00e4ss".toCharArray()).evaluate(b("Password:"))));
        assertThrows(SaslFailure.class, () -> new PlainMechanism("tim", "a\ud83d".toCharArray()).initialResponse());
    }

    @Test
    void anHmacKeyHandsOutCopiesAndIsWipedWhenDestroyed() {
        byte[] owned = {1, 2, 3};
        SecretBytes.RawKey key = new SecretBytes.RawKey("HmacMD5", owned);
        byte[] copy = key.getEncoded();
        copy[0] = 9;
        assertEquals(1, key.getEncoded()[0], "a copy, not the key");
        key.destroy();
        assertEquals(List.of((byte) 0, (byte) 0, (byte) 0), List.of(owned[0], owned[1], owned[2]));
        assertThrows(IllegalStateException.class, key::getEncoded);
    }

    @Test
    void loginAnswersPromptsByMeaningOrOrder() throws SaslFailure {
        LoginMechanism m = new LoginMechanism("tim", "pw".toCharArray());
        assertNull(m.initialResponse());
        assertEquals("tim", s(m.evaluate(b("Username:"))));
        assertEquals("pw", s(m.evaluate(b("Password:"))));
        assertThrows(SaslFailure.class, () -> m.evaluate(b("Again:")));
        LoginMechanism odd = new LoginMechanism("tim", "pw".toCharArray());
        assertEquals("tim", s(odd.evaluate(b("first?"))));
        assertEquals("pw", s(odd.evaluate(b("second?"))));
    }

    @Test
    void cramMd5MatchesRfc2195() throws SaslFailure {
        CramMd5Mechanism m = new CramMd5Mechanism("tim", "tanstaaftanstaaf".toCharArray());
        assertNull(m.initialResponse());
        assertEquals("tim b913a602c7eda7a495b4e6e7334d3890",
                s(m.evaluate(b("<1896.697170952@postoffice.reston.mci.net>"))));
        assertThrows(SaslFailure.class, () -> m.evaluate(b("<again@x>")));
        assertThrows(SaslFailure.class, () -> new CramMd5Mechanism("t", "p".toCharArray()).evaluate(new byte[0]));
    }

    @Test
    void xoauth2SendsTheBearerTokenAndAnswersAnErrorWithAnEmptyResponse() throws SaslFailure {
        XOAuth2Mechanism m = new XOAuth2Mechanism("someuser@example.com", "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg".toCharArray());
        assertEquals("user=someuser@example.com\u0001auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\u0001\u0001",
                s(m.initialResponse()));
        assertEquals(0, m.evaluate(b("{\"status\":\"401\"}")).length);
        assertThrows(SaslFailure.class, () -> m.evaluate(b("{}")));
    }

    @Test
    void theStrongestCommonMechanismIsChosen() {
        Credentials any = Credentials.of("u", Secret.of("p"));
        assertEquals(Optional.of("SCRAM-SHA-256"), Mechanisms.choose(any,
                Set.of("LOGIN", "PLAIN", "CRAM-MD5", "SCRAM-SHA-256"), true));
        assertEquals(Optional.of("PLAIN"), Mechanisms.choose(any, Set.of("LOGIN", "PLAIN", "CRAM-MD5"), true));
        assertEquals(Optional.of("CRAM-MD5"), Mechanisms.choose(any, Set.of("LOGIN", "PLAIN", "CRAM-MD5"), false),
                "without TLS the password should not travel");
        assertEquals(Optional.of("LOGIN"), Mechanisms.choose(any, Set.of("LOGIN", "GSSAPI"), true));
        assertEquals(Optional.empty(), Mechanisms.choose(any, Set.of("XOAUTH2", "GSSAPI"), true),
                "XOAUTH2 only when configured");
    }

    @Test
    void configuredMechanismsWinInTheirOrder() {
        Credentials c = new Credentials("u", Secret.of("t"), List.of("xoauth2", "login"), false);
        assertEquals(Optional.of("XOAUTH2"), Mechanisms.choose(c, Set.of("PLAIN", "XOAUTH2", "LOGIN"), true));
        assertEquals(Optional.of("LOGIN"), Mechanisms.choose(c, Set.of("PLAIN", "LOGIN"), true));
        assertEquals(Optional.empty(), Mechanisms.choose(c, Set.of("PLAIN"), true));
    }

    @Test
    void oauthBearerAnswersOneErrorChallengeWithTheDummyResponseAndRefusesASecond() throws SaslFailure {
        OAuthBearerMechanism m = new OAuthBearerMechanism("u,1=x", "tok".toCharArray(), "mx.example", 587);
        assertEquals("n,a=u=2C1=3Dx,\u0001host=mx.example\u0001port=587\u0001auth=Bearer tok\u0001\u0001",
                s(m.initialResponse()));
        assertEquals("\u0001", s(m.evaluate(b("{\"status\":\"invalid_token\"}"))));
        assertThrows(SaslFailure.class, () -> m.evaluate(new byte[0]));
        assertThrows(SaslFailure.class, () -> new OAuthBearerMechanism("a\u0001b", "t".toCharArray(), "h", 25)
                .initialResponse());
    }
}
