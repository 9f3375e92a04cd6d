package dev.sendmail.transport.socket.internal.sasl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 7677 section 3 gives a complete SCRAM-SHA-256 exchange; the client must reproduce it exactly. */
class ScramSha256MechanismTest {

    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static ScramSha256Mechanism rfcClient() {
        return new ScramSha256Mechanism("user", "pencil".toCharArray(), () -> "rOprNGfwEbeRWgbNEkqO");
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reproducesTheRfc7677Exchange() throws SaslFailure {
        ScramSha256Mechanism m = rfcClient();
        assertEquals("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", new String(m.initialResponse(), StandardCharsets.UTF_8));
        assertEquals(CLIENT_FINAL, new String(m.evaluate(b(SERVER_FIRST)), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[0], m.evaluate(b(SERVER_FINAL)));
        m.complete();
    }

    @Test
    void aWrongServerSignatureFails() throws SaslFailure {
        ScramSha256Mechanism m = rfcClient();
        m.initialResponse();
        m.evaluate(b(SERVER_FIRST));
        assertThrows(SaslFailure.class, () -> m.evaluate(b("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")));
    }

    @Test
    void successWithoutServerProofFails() throws SaslFailure {
        ScramSha256Mechanism m = rfcClient();
        m.initialResponse();
        m.evaluate(b(SERVER_FIRST));
        SaslFailure f = assertThrows(SaslFailure.class, m::complete);
        assertTrue(f.getMessage().contains("did not prove"));
    }

    @Test
    void aServerNonceThatDoesNotExtendOursFails() throws SaslFailure {
        ScramSha256Mechanism m = rfcClient();
        m.initialResponse();
        assertThrows(SaslFailure.class, () -> m.evaluate(b("r=someoneElse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")));
    }

    @Test
    void hostileIterationCountsAndMissingAttributesFail() throws SaslFailure {
        for (String bad : new String[] {
            "r=rOprNGfwEbeRWgbNEkqOxx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=2000000000",
            "r=rOprNGfwEbeRWgbNEkqOxx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0",
            "r=rOprNGfwEbeRWgbNEkqOxx,s=W22ZaJ0SNY7soEsUEjb6gQ==",
            "r=rOprNGfwEbeRWgbNEkqOxx,s=!!!,i=4096",
            "m=ext,r=rOprNGfwEbeRWgbNEkqOxx,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
            "e=other-error",
            "garbage"}) {
            ScramSha256Mechanism m = rfcClient();
            m.initialResponse();
            assertThrows(SaslFailure.class, () -> m.evaluate(b(bad)), bad);
        }
    }

    @Test
    void userNamesAreEscaped() {
        ScramSha256Mechanism m = new ScramSha256Mechanism("a=b,c", "x".toCharArray(), () -> "N");
        assertEquals("n,,n=a=3Db=2Cc,r=N", new String(m.initialResponse(), StandardCharsets.UTF_8));
    }
}
