package dev.sendmail.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Credentials;
import dev.sendmail.api.Secret;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.spi.CredentialPolicy.Action;
import dev.sendmail.spi.CredentialPolicy.Decision;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CredentialPolicyTest {

    private static final Credentials CREDS = Credentials.of("me", Secret.of("pw"));
    private static final Credentials CLEAR_TEXT_OK = new Credentials("me", Secret.of("pw"), List.of("PLAIN"), true);
    private static final TlsState VERIFIED = new TlsState(true, true, Optional.empty());
    private static final TlsState WRONG_NAME = new TlsState(true, false,
            Optional.of("certificate does not match the host name"));
    private static final TrustSettings INSECURE = TrustSettings.SYSTEM.withInsecure(true);

    private static Decision decide(Credentials c, boolean offer, TlsMode mode, TrustSettings trust, TlsState tls) {
        return CredentialPolicy.decide(c, offer, mode, trust, tls);
    }

    @ParameterizedTest
    @EnumSource(TlsMode.class)
    void aVerifiedSessionToAChosenHostAuthenticates(TlsMode mode) {
        assertEquals(Action.AUTHENTICATE, decide(CREDS, true, mode, TrustSettings.SYSTEM, VERIFIED).action());
    }

    @ParameterizedTest
    @EnumSource(TlsMode.class)
    void aHostFoundInDnsNeverGetsCredentialsEvenOverVerifiedTlsOrWhenClearTextIsAllowed(TlsMode mode) {
        for (Credentials c : List.of(CREDS, CLEAR_TEXT_OK)) {
            for (TlsState tls : List.of(VERIFIED, WRONG_NAME, TlsState.NONE)) {
                Decision d = decide(c, false, mode, INSECURE, tls);
                assertEquals(Action.SKIP, d.action(), c + " " + tls);
                assertTrue(d.reason().contains("found in DNS"), d.reason());
            }
        }
    }

    @Test
    void opportunisticTlsWithAnUnverifiedCertificateSendsTheMailWithoutAuth() {
        Decision d = decide(CREDS, true, TlsMode.OPPORTUNISTIC, TrustSettings.SYSTEM, WRONG_NAME);
        assertEquals(Action.SKIP, d.action());
        assertTrue(d.reason().contains("does not match the host name"), d.reason());
        assertTrue(d.reason().contains("without AUTH"), d.reason());
    }

    @Test
    void opportunisticTlsWithoutEncryptionSendsTheMailWithoutAuth() {
        Decision d = decide(CREDS, true, TlsMode.OPPORTUNISTIC, TrustSettings.SYSTEM, TlsState.NONE);
        assertEquals(Action.SKIP, d.action());
        assertTrue(d.reason().contains("not encrypted"), d.reason());
    }

    @Test
    void tlsOffRefusesUnlessClearTextIsExplicitlyAllowed() {
        Decision refused = decide(CREDS, true, TlsMode.OFF, TrustSettings.SYSTEM, TlsState.NONE);
        assertEquals(Action.REFUSE, refused.action());
        assertTrue(refused.reason().contains("--auth"), "names the option that allows it: " + refused.reason());
        Decision allowed = decide(CLEAR_TEXT_OK, true, TlsMode.OFF, TrustSettings.SYSTEM, TlsState.NONE);
        assertEquals(Action.AUTHENTICATE, allowed.action());
        assertTrue(allowed.reason().contains("not encrypted"), allowed.reason());
    }

    @Test
    void insecureTrustIsAnExplicitChoiceThatStillNeedsEncryption() {
        TlsState unchecked = new TlsState(true, false, Optional.of("certificate checks are turned off"));
        assertEquals(Action.AUTHENTICATE, decide(CREDS, true, TlsMode.STARTTLS, INSECURE, unchecked).action());
        assertEquals(Action.SKIP, decide(CREDS, true, TlsMode.OPPORTUNISTIC, INSECURE, TlsState.NONE).action());
    }

    @Test
    void anUnverifiedSessionInARequiredTlsModeIsRefused() {
        assertEquals(Action.REFUSE, decide(CREDS, true, TlsMode.STARTTLS, TrustSettings.SYSTEM, WRONG_NAME).action());
    }
}
