package dev.sendmail.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Credentials;
import dev.sendmail.api.Secret;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.api.TrustSettings;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class SessionPropertiesTest {

    private static NoDelaySslSocketFactory factory() throws Exception {
        return new NoDelaySslSocketFactory(SSLContext.getDefault().getSocketFactory());
    }

    private static Properties of(TransportSettings s, NoDelaySslSocketFactory f) {
        return SessionProperties.of(s, "mx.example.net", 25, "client.example", f);
    }

    @Test
    void startTlsIsRequiredAndCheckedWhenRequired() throws Exception {
        NoDelaySslSocketFactory f = factory();
        Properties p = of(TransportSettings.builder().tlsMode(TlsMode.STARTTLS).build(), f);
        assertEquals("true", p.getProperty("mail.smtp.starttls.enable"));
        assertEquals("true", p.getProperty("mail.smtp.starttls.required"));
        assertEquals("true", p.getProperty("mail.smtp.ssl.checkserveridentity"));
        assertSame(f, p.get("mail.smtp.ssl.socketFactory"));
        assertEquals("false", p.getProperty("mail.smtp.ssl.enable"));
    }

    @Test
    void opportunisticEnablesWithoutRequiring() throws Exception {
        Properties p = of(TransportSettings.builder().tlsMode(TlsMode.OPPORTUNISTIC).build(), factory());
        assertEquals("true", p.getProperty("mail.smtp.starttls.enable"));
        assertEquals("false", p.getProperty("mail.smtp.starttls.required"));
    }

    @Test
    void smtpsUsesItsOwnPrefix() throws Exception {
        Properties p = of(TransportSettings.builder().tlsMode(TlsMode.SMTPS).build(), factory());
        assertEquals("true", p.getProperty("mail.smtps.ssl.enable"));
        assertEquals("client.example", p.getProperty("mail.smtps.localhost"));
        assertNull(p.getProperty("mail.smtp.localhost"));
    }

    @Test
    void offHasNoTls() {
        Properties p = of(TransportSettings.builder().tlsMode(TlsMode.OFF).build(), null);
        assertEquals("false", p.getProperty("mail.smtp.starttls.enable"));
        assertNull(p.get("mail.smtp.ssl.socketFactory"));
    }

    @Test
    void insecureTurnsTheIdentityCheckOff() throws Exception {
        Properties p = of(TransportSettings.builder().trust(TrustSettings.SYSTEM.withInsecure(true)).build(), factory());
        assertEquals("false", p.getProperty("mail.smtp.ssl.checkserveridentity"));
    }

    @Test
    void timeoutsAreNeverInfinite() {
        Properties p = of(TransportSettings.builder().timeouts(new Timeouts(Duration.ofSeconds(7),
                Duration.ofSeconds(1), Duration.ofSeconds(9), Duration.ofSeconds(1), Duration.ofSeconds(11),
                Duration.ofDays(3650))).build(), null);
        assertEquals("7000", p.getProperty("mail.smtp.connectiontimeout"));
        assertEquals("9000", p.getProperty("mail.smtp.timeout"));
        assertEquals("11000", p.getProperty("mail.smtp.writetimeout"));
        Properties huge = of(TransportSettings.builder().timeouts(Timeouts.all(Duration.ofDays(100_000))).build(), null);
        assertEquals(Integer.toString(Integer.MAX_VALUE), huge.getProperty("mail.smtp.timeout"));
    }

    @Test
    void partialDeliveryAndSuccessReportsAreOn() {
        Properties p = of(TransportSettings.builder().build(), null);
        assertEquals("true", p.getProperty("mail.smtp.sendpartial"));
        assertEquals("true", p.getProperty("mail.smtp.reportsuccess"));
        assertEquals("false", p.getProperty("mail.smtp.allow8bitmime"));
        assertEquals("true", p.getProperty("mail.mime.allowutf8"));
        assertEquals("client.example", p.getProperty("mail.smtp.localhost"));
    }

    @Test
    void authMechanisms() {
        Properties none = of(TransportSettings.builder().build(), null);
        assertEquals("false", none.getProperty("mail.smtp.auth"));
        Properties dflt = of(TransportSettings.builder().credentials(Credentials.of("u", Secret.of("p"))).build(), null);
        assertEquals("true", dflt.getProperty("mail.smtp.auth"));
        assertEquals("PLAIN LOGIN", dflt.getProperty("mail.smtp.auth.mechanisms"));
        Credentials picky = new Credentials("u", Secret.of("t"), List.of("cram-md5", "xoauth2"), false);
        Properties pickyProps = of(TransportSettings.builder().credentials(picky).build(), null);
        assertEquals("XOAUTH2", pickyProps.getProperty("mail.smtp.auth.mechanisms"));
        assertEquals("true", pickyProps.getProperty("mail.smtp.sasl.enable"));
        assertEquals("CRAM-MD5", pickyProps.getProperty("mail.smtp.sasl.mechanisms"));
        assertEquals("false", dflt.getProperty("mail.smtp.sasl.enable"));
        assertTrue(SessionProperties.mechanisms(new Credentials("u", Secret.of("t"), List.of("SCRAM-SHA-256"), false))
                .isEmpty());
        assertFalse(dflt.toString().contains("=p,") || dflt.containsValue("p"), "no secret in the properties");
    }
}
