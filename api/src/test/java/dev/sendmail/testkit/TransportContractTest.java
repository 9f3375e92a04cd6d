package dev.sendmail.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sendmail.api.AuthenticationFailedException;
import dev.sendmail.api.Credentials;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.EtrnNode;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Phase;
import dev.sendmail.api.ProtocolViolationException;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.Secret;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpRejectedException;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsFailedException;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.spi.EtrnResult;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TransportProvider;
import dev.sendmail.spi.VerifyRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every transport shares: extend it, give {@link #provider()}, and the same server scripts must
 * give the same outcomes. A transport that lacks an optional feature says so by overriding the matching
 * {@code boolean} method; the test for that feature is then skipped with a message naming the gap.
 *
 * <p>Outcomes are compared per recipient: a whole-transaction exception counts as that failure for every
 * recipient ({@link RecipientOutcome#of}), so a transport may throw or return a report where the
 * {@link Transport} contract allows both.
 */
public abstract class TransportContractTest {

    private final List<FakeSmtpServer> servers = new ArrayList<>();
    private final List<Transport> transports = new ArrayList<>();

    /** The provider under test. */
    protected abstract TransportProvider provider();

    /** False when the transport does not send MAIL, RCPT and DATA in one write to a PIPELINING server. */
    protected boolean pipelines() {
        return true;
    }

    /** Settings for a test: short timeouts, opportunistic TLS. Override to add provider properties. */
    protected TransportSettings.Builder settings() {
        return TransportSettings.builder()
                .tlsMode(TlsMode.OPPORTUNISTIC)
                .timeouts(Timeouts.all(Duration.ofSeconds(5)))
                .heloName("client.test");
    }

    protected final FakeSmtpServer server(SmtpScript... scripts) {
        FakeSmtpServer s = FakeSmtpServer.start(scripts);
        servers.add(s);
        return s;
    }

    protected final Transport transport(TransportSettings settings) throws SendMailException {
        Transport t = provider().create(settings);
        transports.add(t);
        return t;
    }

    protected final SendRequest request(FakeSmtpServer server, Envelope envelope, String content) {
        return new SendRequest(server.host(), envelope, MessageContent.of(content), DeliveryOptions.DEFAULT,
                Instant.now().plusSeconds(30));
    }

    /** The outcome of every recipient, whether the transport returned a report or threw. */
    protected static List<RecipientOutcome> outcomes(Transport t, SendRequest r) {
        try {
            DeliveryReport report = t.send(r);
            assertEquals(r.envelope().recipients().size(), report.outcomes().size(), "one outcome per recipient");
            for (int i = 0; i < report.outcomes().size(); i++) {
                assertEquals(r.envelope().recipients().get(i), report.outcomes().get(i).recipient(),
                        "outcomes in envelope order");
            }
            return report.outcomes();
        } catch (SendMailException e) {
            return r.envelope().recipients().stream().map(m -> RecipientOutcome.of(m, e)).toList();
        }
    }

    protected static <E extends SendMailException> E expectFailure(Class<E> type, Transport t, SendRequest r) {
        try {
            DeliveryReport report = t.send(r);
            fail("expected " + type.getSimpleName() + " but got " + report);
            return null;
        } catch (SendMailException e) {
            return assertInstanceOf(type, e, () -> "got " + e);
        }
    }

    @AfterEach
    void closeAll() {
        transports.forEach(Transport::close);
        servers.forEach(FakeSmtpServer::close);
    }

    private static final String SIMPLE = "From: a@example.org\r\nTo: b@example.net\r\nSubject: hi\r\n\r\nHello\r\n";

    @Test
    void deliversAndReportsTheFinalReply() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().afterData("250 2.0.0 Ok: queued as ABC123"));
        Transport t = transport(settings().build());
        List<RecipientOutcome> out = outcomes(t, request(server, Envelope.of("a@example.org", "b@example.net"), SIMPLE));
        assertEquals(1, out.size());
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertEquals(250, out.get(0).reply().orElseThrow().code());
        assertTrue(out.get(0).detail().contains("ABC123"), out.get(0).detail());
        ReceivedMessage m = server.messages().get(0);
        assertTrue(m.mailFrom().toUpperCase().startsWith("MAIL FROM:<A@EXAMPLE.ORG>"), m.mailFrom());
        assertEquals(List.of("RCPT TO:<b@example.net>"), m.rcptTo().stream().map(r -> r.split(" ")[0]
                + " " + r.split(" ")[1]).toList());
        assertEquals(SIMPLE, m.contentText());
    }

    @Test
    void aRejectedRecipientDoesNotStopTheOthers() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("RCPT TO:<nobody@", "550 5.1.1 User unknown"));
        Transport t = transport(settings().build());
        List<RecipientOutcome> out = outcomes(t, request(server,
                Envelope.of("a@example.org", "b@example.net", "nobody@example.net", "c@example.net"), SIMPLE));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status());
        assertEquals(DeliveryStatus.FAILED, out.get(1).status());
        assertEquals(DeliveryStatus.DELIVERED, out.get(2).status());
        RecipientOutcome bad = out.get(1);
        assertEquals(Phase.RCPT, bad.phase().orElseThrow());
        assertEquals(550, bad.reply().orElseThrow().code());
        assertEquals("5.1.1", bad.reply().orElseThrow().status().orElseThrow().toString());
        assertTrue(bad.detail().startsWith("RCPT 550 5.1.1 User unknown"), bad.detail());
        assertTrue(bad.detail().contains("localhost"), bad.detail());
        assertEquals(1, server.messages().size(), "the message went once, to the accepted recipients");
        assertEquals(2, server.messages().get(0).rcptTo().size());
    }

    @Test
    void aTemporaryRecipientFailureIsDeferred() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("RCPT TO:<later@", "450 4.2.1 Mailbox busy"));
        Transport t = transport(settings().build());
        List<RecipientOutcome> out = outcomes(t, request(server,
                Envelope.of("a@example.org", "later@example.net", "b@example.net"), SIMPLE));
        assertEquals(DeliveryStatus.DEFERRED, out.get(0).status());
        assertEquals(Phase.RCPT, out.get(0).phase().orElseThrow());
        assertEquals(DeliveryStatus.DELIVERED, out.get(1).status());
    }

    @Test
    void everyRecipientRejectedSendsNoData() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("RCPT", "550 5.7.1 Relaying denied"));
        Transport t = transport(settings().build());
        List<RecipientOutcome> out = outcomes(t, request(server,
                Envelope.of("a@example.org", "b@example.net", "c@example.net"), SIMPLE));
        for (RecipientOutcome o : out) {
            assertEquals(DeliveryStatus.FAILED, o.status(), o.toString());
            assertEquals(Phase.RCPT, o.phase().orElseThrow());
        }
        assertTrue(server.messages().isEmpty(), "no message content was accepted");
    }

    @Test
    void mailFromRejectedFailsTheWholeTransaction() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("MAIL", "553 5.7.1 Sender rejected"));
        Transport t = transport(settings().build());
        SmtpRejectedException e = expectFailure(SmtpRejectedException.class, t,
                request(server, Envelope.of("a@example.org", "b@example.net"), SIMPLE));
        assertEquals(Phase.MAIL, e.phase().orElseThrow());
        assertEquals(553, e.smtpReply().code());
        assertFalse(e.isTransient());
        assertEquals("localhost", e.host().orElseThrow());
        assertTrue(server.messages().isEmpty());
    }

    @Test
    void aTemporaryDataFailureDefersEveryAcceptedRecipient() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().afterData("451 4.3.0 Try again later"));
        Transport t = transport(settings().build());
        List<RecipientOutcome> out = outcomes(t, request(server,
                Envelope.of("a@example.org", "b@example.net", "c@example.net"), SIMPLE));
        for (RecipientOutcome o : out) {
            assertEquals(DeliveryStatus.DEFERRED, o.status(), o.toString());
            assertEquals(Phase.DATA, o.phase().orElseThrow());
            assertEquals(451, o.reply().orElseThrow().code());
        }
    }

    @Test
    void aPermanentGreetingFailsWithThePhase() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().greeting("554 5.3.2 No service here"));
        Transport t = transport(settings().build());
        SmtpRejectedException e = expectFailure(SmtpRejectedException.class, t,
                request(server, Envelope.of("a@example.org", "b@example.net"), SIMPLE));
        assertEquals(Phase.GREETING, e.phase().orElseThrow());
        assertFalse(e.isTransient());
    }

    @Test
    void aTemporaryGreetingIsTransient() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().greeting("421 4.3.2 Too busy"));
        Transport t = transport(settings().build());
        SendMailException e = expectFailure(SendMailException.class, t,
                request(server, Envelope.of("a@example.org", "b@example.net"), SIMPLE));
        assertEquals(Phase.GREETING, e.phase().orElseThrow(), e.getMessage());
        assertTrue(e.isTransient());
    }

    @Test
    void lineEndingsAreCrLfAndDotsAreStuffedOnTheWire() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        Transport t = transport(settings().build());
        String content = "Subject: dots\n\n.leading dot\nbare\rcr\r\n..two dots\n.\nend";
        List<RecipientOutcome> out = outcomes(t, request(server, Envelope.of("a@example.org", "b@example.net"),
                content));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        String wire = server.messages().get(0).wireText();
        assertEquals("Subject: dots\r\n\r\n..leading dot\r\nbare\r\ncr\r\n...two dots\r\n..\r\nend\r\n.\r\n", wire);
    }

    @Test
    void theNullSenderIsSentAsEmptyPath() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        Transport t = transport(settings().build());
        List<RecipientOutcome> out = outcomes(t, request(server, Envelope.of("<>", "b@example.net"), SIMPLE));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertTrue(server.messages().get(0).mailFrom().toUpperCase().startsWith("MAIL FROM:<>"),
                server.messages().get(0).mailFrom());
    }

    @Test
    void aUtf8SubjectWithoutSmtpUtf8GoesAs8BitMimeAndTheTraceSaysSo() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("SMTPUTF8"));
        RecordingListener trace = new RecordingListener();
        Transport t = transport(settings().listener(trace).build());
        List<RecipientOutcome> out = outcomes(t, request(server, Envelope.of("a@example.org", "b@example.net"),
                "Subject: caf\u00e9 \u2713\r\n\r\nna\u00efve\r\n"));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        String mail = server.messages().get(0).mailFrom();
        assertTrue(mail.contains(" BODY=8BITMIME") && !mail.contains("SMTPUTF8"), mail);
        assertTrue(trace.lines().stream().anyMatch(l -> l.contains("UTF-8 in the header without SMTPUTF8: sent as "
                + "8BITMIME")), "the trace says how it went: " + trace.lines());
    }

    @Test
    void anInternationalAddressWithoutSmtpUtf8IsRefusedLocally() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("SMTPUTF8"));
        Transport t = transport(settings().build());
        LocalPolicyException e = expectFailure(LocalPolicyException.class, t,
                request(server, Envelope.of("a@example.org", "j\u00f6rg@example.net"), SIMPLE));
        assertFalse(e.isTransient());
        assertFalse(server.received("MAIL"), "no MAIL command was sent: " + server.sessions());
        assertTrue(server.messages().isEmpty());
    }

    @Test
    void aLineOver998OctetsSendsNothing() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        Transport t = transport(settings().build());
        String content = "Subject: long\r\n\r\n" + "x".repeat(999) + "\r\n";
        LocalPolicyException e = expectFailure(LocalPolicyException.class, t,
                request(server, Envelope.of("a@example.org", "b@example.net"), content));
        assertFalse(e.isTransient());
        assertFalse(server.received("MAIL"), "no MAIL command was sent: " + server.sessions());
        assertFalse(server.received("DATA"));
        assertTrue(server.messages().isEmpty());
    }

    @Test
    void requiredStartTlsNotOfferedFailsBeforeAnyMail() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        Transport t = transport(settings().tlsMode(TlsMode.STARTTLS).build());
        TlsFailedException e = expectFailure(TlsFailedException.class, t,
                request(server, Envelope.of("a@example.org", "b@example.net"), SIMPLE));
        assertEquals(Phase.STARTTLS, e.phase().orElseThrow(), e.getMessage());
        assertFalse(server.received("MAIL"));
        assertFalse(server.received("AUTH"));
    }

    @Test
    void badCredentialsAreAnAuthenticationFailure() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user", "right"));
        Credentials wrong = new Credentials("user", Secret.of("wrong"), List.of(), true);
        Transport t = transport(settings().credentials(wrong).build());
        AuthenticationFailedException e = expectFailure(AuthenticationFailedException.class, t,
                request(server, Envelope.of("a@example.org", "b@example.net"), SIMPLE));
        assertEquals(Phase.AUTH, e.phase().orElseThrow());
        assertEquals(535, e.reply().orElseThrow().code());
        assertFalse(e.isTransient());
        assertFalse(server.received("MAIL"));
        assertFalse(server.sessions().get(0).receivedText().contains("wrong"), "password never in clear");
    }

    @Test
    void goodCredentialsAuthenticate() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user", "right"));
        Credentials good = new Credentials("user", Secret.of("right"), List.of(), true);
        Transport t = transport(settings().credentials(good).build());
        List<RecipientOutcome> out = outcomes(t, request(server, Envelope.of("a@example.org", "b@example.net"),
                SIMPLE));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertTrue(server.received("AUTH"));
    }

    // ---- where credentials may go (dev.sendmail.spi.CredentialPolicy) ---------------------------------------

    private static final String PASSWORD = "contract-Pa55";

    private static Credentials credentials(boolean clearTextAllowed, String... mechanisms) {
        return new Credentials("user", Secret.of(PASSWORD), List.of(mechanisms), clearTextAllowed);
    }

    private static TrustSettings testCa() {
        return TrustSettings.SYSTEM.withCaFile(TestCertificates.get().caBundle());
    }

    private static SmtpScript startTls(TestCertificates.Kind kind) {
        return SmtpScript.accepting().auth("user", PASSWORD)
                .startTls(TestCertificates.get().serverContext(kind));
    }

    private static void assertNoCredentialsSent(FakeSmtpServer server) {
        assertFalse(server.received("AUTH"), "no AUTH: " + server.sessions());
        for (ReceivedSession s : server.sessions()) {
            assertFalse(s.receivedText().contains(PASSWORD), "the password never travels");
        }
    }

    @Test
    void opportunisticTlsWithAnUnverifiedCertificateCarriesTheMailButNotThePassword() throws Exception {
        FakeSmtpServer server = server(startTls(TestCertificates.Kind.WRONG_HOST));
        RecordingListener trace = new RecordingListener();
        Transport t = transport(settings().trust(testCa()).listener(trace).credentials(credentials(false)).build());
        List<RecipientOutcome> out = outcomes(t, request(server, Envelope.of("a@example.org", "b@example.net"),
                SIMPLE));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertTrue(server.session(0).isTls());
        assertNoCredentialsSent(server);
        assertTrue(trace.lines().stream().anyMatch(l -> l.contains("not sending credentials")
                && l.contains("does not match the host name")), "the trace says why: " + trace.lines());
    }

    @Test
    void opportunisticTlsWithAVerifiedCertificateAuthenticates() throws Exception {
        FakeSmtpServer server = server(startTls(TestCertificates.Kind.GOOD));
        Transport t = transport(settings().trust(testCa()).credentials(credentials(false)).build());
        List<RecipientOutcome> out = outcomes(t, request(server, Envelope.of("a@example.org", "b@example.net"),
                SIMPLE));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertTrue(server.received("AUTH"));
    }

    @Test
    void aPinnedCertificateCountsAsVerifiedWhateverItsName() throws Exception {
        FakeSmtpServer server = server(startTls(TestCertificates.Kind.WRONG_HOST));
        TrustSettings pinned = TrustSettings.SYSTEM.withPins(List.of(
                TestCertificates.get().sha256(TestCertificates.Kind.WRONG_HOST)));
        Transport t = transport(settings().tlsMode(TlsMode.STARTTLS).trust(pinned)
                .credentials(credentials(false)).build());
        List<RecipientOutcome> out = outcomes(t, request(server, Envelope.of("a@example.org", "b@example.net"),
                SIMPLE));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertTrue(server.received("AUTH"));
    }

    @Test
    void aHostFoundInDnsIsNeverOfferedTheCredentials() throws Exception {
        FakeSmtpServer server = server(startTls(TestCertificates.Kind.GOOD));
        RecordingListener trace = new RecordingListener();
        Transport t = transport(settings().trust(testCa()).listener(trace).credentials(credentials(true)).build());
        SendRequest r = request(server, Envelope.of("a@example.org", "b@example.net"), SIMPLE);
        SendRequest toMx = new SendRequest(r.host(), r.envelope(), r.content(), r.options(), r.deadline(), false);
        List<RecipientOutcome> out = outcomes(t, toMx);
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertNoCredentialsSent(server);
        assertTrue(trace.lines().stream().anyMatch(l -> l.contains("found in DNS")), trace.lines().toString());
    }

    @Test
    void tlsOffRefusesCredentialsUnlessClearTextIsAllowed() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user", PASSWORD));
        Transport t = transport(settings().tlsMode(TlsMode.OFF).credentials(credentials(false)).build());
        AuthenticationFailedException e = expectFailure(AuthenticationFailedException.class, t,
                request(server, Envelope.of("a@example.org", "b@example.net"), SIMPLE));
        assertTrue(e.getMessage().contains("not encrypted"), e.getMessage());
        assertNoCredentialsSent(server);
        assertFalse(server.received("MAIL"));

        FakeSmtpServer allowed = server(SmtpScript.accepting().auth("user", PASSWORD));
        Transport clear = transport(settings().tlsMode(TlsMode.OFF).credentials(credentials(true, "PLAIN")).build());
        List<RecipientOutcome> out = outcomes(clear, request(allowed, Envelope.of("a@example.org", "b@example.net"),
                SIMPLE));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertTrue(allowed.received("AUTH PLAIN"), allowed.sessions().toString());
    }

    @Test
    void aMessageThatRequiresTlsIsNotSentOverAnUnverifiedSession() throws Exception {
        FakeSmtpServer server = server(startTls(TestCertificates.Kind.WRONG_HOST));
        Transport t = transport(settings().trust(testCa()).build());
        SendRequest r = request(server, Envelope.of("a@example.org", "b@example.net"), SIMPLE);
        SendRequest strict = new SendRequest(r.host(), r.envelope(), r.content(),
                DeliveryOptions.DEFAULT.withRequireTls(true), r.deadline());
        LocalPolicyException e = expectFailure(LocalPolicyException.class, t, strict);
        assertTrue(e.getMessage().contains("not verified"), e.getMessage());
        assertTrue(server.session(0).isTls());
        assertFalse(server.received("MAIL"));
    }

    @Test
    void aMessageThatRequiresTlsSaysSoInMailFromWhereTheServerOffersRequireTls() throws Exception {
        FakeSmtpServer server = server(startTls(TestCertificates.Kind.GOOD).offer("REQUIRETLS"));
        Transport t = transport(settings().trust(testCa()).build());
        SendRequest r = request(server, Envelope.of("a@example.org", "b@example.net"), SIMPLE);
        List<RecipientOutcome> out = outcomes(t, new SendRequest(r.host(), r.envelope(), r.content(),
                DeliveryOptions.DEFAULT.withRequireTls(true), r.deadline()));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        String mail = server.messages().get(0).mailFrom();
        assertTrue(mail.endsWith(" REQUIRETLS") || mail.contains(" REQUIRETLS "), mail);

        FakeSmtpServer plain = server(startTls(TestCertificates.Kind.GOOD).offer("REQUIRETLS"));
        outcomes(t, request(plain, Envelope.of("a@example.org", "b@example.net"), SIMPLE));
        assertFalse(plain.messages().get(0).mailFrom().contains("REQUIRETLS"),
                "only a message that requires TLS says so");

        FakeSmtpServer without = server(startTls(TestCertificates.Kind.GOOD));
        out = outcomes(t, new SendRequest(without.host(), r.envelope(), r.content(),
                DeliveryOptions.DEFAULT.withRequireTls(true), r.deadline()));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), "a verified session is enough without the offer");
        assertFalse(without.messages().get(0).mailFrom().contains("REQUIRETLS"),
                "REQUIRETLS only to a server that lists it");
    }

    @Test
    void pipelinesMailRcptAndData() throws Exception {
        assumeTrue(pipelines(), "this transport does not pipeline MAIL, RCPT and DATA (RFC 2920)");
        FakeSmtpServer server = server(SmtpScript.accepting());
        Transport t = transport(settings().build());
        List<RecipientOutcome> out = outcomes(t, request(server,
                Envelope.of("a@example.org", "b@example.net", "c@example.net"), SIMPLE));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        List<ReceivedSession.Command> cmds = server.session(0).commands();
        int mail = indexOf(cmds, "MAIL");
        assertTrue(mail >= 0, cmds.toString());
        assertTrue(cmds.get(mail).pipelined(), "RCPT was already sent with MAIL: " + cmds);
        assertTrue(cmds.get(mail + 1).pipelined(), "more followed the first RCPT: " + cmds);
    }

    // ---- ETRN (RFC 1985) ---------------------------------------------------------------------------------

    @Test
    void etrnReturnsTheServersReplyAndNotesWhetherItWasAdvertised() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().offer("ETRN")
                .on("ETRN", "253 OK, 3 pending messages for node example.org started"));
        Transport t = transport(settings().build());
        EtrnResult r = t.etrn(server.host(), EtrnNode.parse("@Example.org"), Instant.now().plusSeconds(30));
        assertEquals(253, r.reply().code(), r.toString());
        assertTrue(r.advertised());
        assertTrue(r.reply().text().contains("3 pending"), r.toString());
        assertTrue(server.awaitIdle(Duration.ofSeconds(5)));
        assertTrue(server.session(0).lines().contains("ETRN @example.org"), server.session(0).lines().toString());
        assertFalse(server.received("MAIL"));
    }

    @Test
    void etrnIsSentEvenWhenNotAdvertisedAndARefusalIsAResultNotAnException() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("ETRN")
                .on("ETRN", "459 4.7.1 Node example.org not allowed"));
        Transport t = transport(settings().build());
        EtrnResult r = t.etrn(server.host(), EtrnNode.parse("example.org"), Instant.now().plusSeconds(30));
        assertFalse(r.advertised());
        assertEquals(459, r.reply().code());
    }

    @Test
    void etrnAfterA421GreetingFailsTheSession() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().greeting("421 4.3.2 try later"));
        Transport t = transport(settings().build());
        SendMailException e = assertThrowsSendMail(() -> t.etrn(server.host(), EtrnNode.parse("example.org"),
                Instant.now().plusSeconds(30)));
        assertTrue(e.isTransient(), e.toString());
        assertFalse(server.received("ETRN"));
    }

    // ---- recipient verification (-bv) --------------------------------------------------------------------

    private static VerifyRequest verifyRequest(FakeSmtpServer server, boolean vrfy, String from, String... to) {
        return new VerifyRequest(server.host(), Envelope.of(from, to), vrfy, Instant.now().plusSeconds(30));
    }

    @Test
    void verifyAsksWithMailAndRcptThenResetsAndNeverSendsData() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting()
                .on("RCPT TO:<nobody@", "550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown")
                .on("RCPT TO:<later@", "451 4.3.0 try again"));
        Transport t = transport(settings().build());
        DeliveryReport report = t.verify(verifyRequest(server, false, "a@example.org",
                "b@example.net", "nobody@example.net", "later@example.net"));
        List<RecipientOutcome> out = report.outcomes();
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertEquals(DeliveryStatus.FAILED, out.get(1).status(), out.get(1).toString());
        assertEquals(550, out.get(1).reply().orElseThrow().code());
        assertEquals(DeliveryStatus.DEFERRED, out.get(2).status(), out.get(2).toString());
        assertTrue(server.awaitIdle(Duration.ofSeconds(5)));
        List<String> lines = server.session(0).lines();
        assertTrue(lines.stream().anyMatch(l -> l.toUpperCase().startsWith("MAIL FROM:<A@EXAMPLE.ORG>")), lines.toString());
        assertTrue(lines.contains("RSET"), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.toUpperCase().startsWith("DATA") || l.toUpperCase().startsWith("BDAT")),
                lines.toString());
        assertTrue(server.messages().isEmpty());
    }

    @Test
    void verifyWithARefusedMailFromFailsTheWholeSession() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("MAIL", "553 5.7.1 Sender address rejected"));
        Transport t = transport(settings().build());
        SendMailException e = assertThrowsSendMail(() -> t.verify(verifyRequest(server, false, "a@example.org",
                "b@example.net")));
        SmtpRejectedException r = assertInstanceOf(SmtpRejectedException.class, e);
        assertEquals(553, r.smtpReply().code());
        assertEquals(Phase.MAIL, r.phase().orElseThrow());
        assertFalse(server.received("RCPT"));
    }

    @Test
    void verifyWithVrfyUsesItWhereItDecidesAndRcptWhereItDoesNot() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().offer("VRFY")
                .on("VRFY known@", "250 2.1.5 <known@example.net>")
                .on("VRFY gone@", "550 5.1.1 <gone@example.net>: User unknown")
                .on("VRFY", "252 2.0.0 Cannot VRFY user"));
        Transport t = transport(settings().build());
        List<RecipientOutcome> out = t.verify(verifyRequest(server, true, "a@example.org",
                "known@example.net", "gone@example.net", "other@example.net")).outcomes();
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status());
        assertTrue(out.get(0).detail().startsWith("VRFY 250"), out.get(0).detail());
        assertEquals(DeliveryStatus.FAILED, out.get(1).status());
        assertEquals(DeliveryStatus.DELIVERED, out.get(2).status());
        assertTrue(out.get(2).detail().startsWith("RCPT 250"), out.get(2).detail());
        assertTrue(server.awaitIdle(Duration.ofSeconds(5)));
        List<String> lines = server.session(0).lines();
        assertEquals(1, lines.stream().filter(l -> l.toUpperCase().startsWith("RCPT")).count(), lines.toString());
    }

    @Test
    void verifyWithVrfyFallsBackToRcptWhenVrfyIsNotOffered() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("VRFY"));
        Transport t = transport(settings().build());
        List<RecipientOutcome> out = t.verify(verifyRequest(server, true, "a@example.org", "b@example.net"))
                .outcomes();
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status());
        assertFalse(server.received("VRFY"));
    }

    // ---- a host's own TLS mode (hosts found through SRV) -----------------------------------------------------

    @Test
    void aHostMarkedForImplicitTlsGetsItWhateverTheTransportsMode() throws Exception {
        TestCertificates certs = TestCertificates.get();
        FakeSmtpServer server = server(SmtpScript.accepting().implicitTls(
                certs.serverContext(TestCertificates.Kind.GOOD)));
        Transport t = transport(settings().tlsMode(TlsMode.STARTTLS)
                .trust(TrustSettings.SYSTEM.withCaFile(certs.caBundle())).build());
        SendRequest r = new SendRequest(server.host().withTlsMode(Optional.of(TlsMode.SMTPS)),
                Envelope.of("a@example.org", "b@example.net"), MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT,
                Instant.now().plusSeconds(30));
        List<RecipientOutcome> out = outcomes(t, r);
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertTrue(server.session(0).isTls());
    }

    @Test
    void aHostMarkedForStartTlsRequiresItEvenWhenTheTransportIsOpportunistic() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting());
        Transport t = transport(settings().tlsMode(TlsMode.OPPORTUNISTIC).build());
        SendRequest r = new SendRequest(server.host().withTlsMode(Optional.of(TlsMode.STARTTLS)),
                Envelope.of("a@example.org", "b@example.net"), MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT,
                Instant.now().plusSeconds(30));
        List<RecipientOutcome> out = outcomes(t, r);
        assertEquals(DeliveryStatus.FAILED, out.get(0).status(), out.get(0).toString());
        assertInstanceOf(TlsFailedException.class, out.get(0).failure().orElseThrow());
        assertFalse(server.received("MAIL"));
    }

    @Test
    void aKeptConnectionIsNotReusedForTheSameHostWithAnotherTlsMode() throws Exception {
        TestCertificates certs = TestCertificates.get();
        FakeSmtpServer server = server(SmtpScript.accepting().startTls(
                certs.serverContext(TestCertificates.Kind.GOOD)));
        Transport t = transport(settings().tlsMode(TlsMode.OPPORTUNISTIC)
                .trust(TrustSettings.SYSTEM.withCaFile(certs.caBundle())).build());
        for (TlsMode mode : List.of(TlsMode.OFF, TlsMode.STARTTLS)) {
            SendRequest r = new SendRequest(server.host().withTlsMode(Optional.of(mode)),
                    Envelope.of("a@example.org", "b@example.net"), MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT,
                    Instant.now().plusSeconds(30));
            List<RecipientOutcome> out = outcomes(t, r);
            assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        }
        assertEquals(2, server.connections(), "the plain connection must not carry the STARTTLS host's mail");
        assertFalse(server.session(0).isTls());
        assertTrue(server.session(1).isTls());
    }

    /** A call that must fail with a SendMailException. */
    @FunctionalInterface
    protected interface Failing {
        Object call() throws SendMailException;
    }

    protected static SendMailException assertThrowsSendMail(Failing call) {
        try {
            Object result = call.call();
            fail("expected a failure, got " + result);
            return null;
        } catch (SendMailException e) {
            return e;
        }
    }

    // ---- a dialogue out of step: every reply is checked against the command it answers -----------------------

    /**
     * The server broke the dialogue: the transport must report a protocol violation (transient), deliver nobody
     * and leave no message at the server.
     */
    protected final void assertViolation(FakeSmtpServer server, Transport t, String why) {
        SendRequest r = request(server, Envelope.of("a@example.org", "b@example.net", "c@example.net"), SIMPLE);
        ProtocolViolationException e = expectFailure(ProtocolViolationException.class, t, r);
        assertTrue(e.isTransient(), e.getMessage());
        assertTrue(server.messages().isEmpty(), why + ": no message may be accepted: " + server.sessions());
    }

    @Test
    void aReplyNobodyAskedForAfterTheGreetingIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().greeting("220 fake.test ESMTP ready\n250 2.0.0 Ok"));
        assertViolation(server, transport(settings().build()), "extra reply after the greeting");
        assertFalse(server.received("MAIL"), "no transaction began: " + server.sessions());
    }

    @Test
    void aReplyNobodyAskedForAfterEhloIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("EHLO", "250 fake.test\n250 2.0.0 Ok"));
        assertViolation(server, transport(settings().build()), "extra reply after EHLO");
        assertFalse(server.received("MAIL"), "no transaction began: " + server.sessions());
    }

    @Test
    void aReplyNobodyAskedForBetweenUnpipelinedCommandsIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().withhold("PIPELINING")
                .on("MAIL", "250 2.1.0 Ok\n250 2.1.5 Ok"));
        assertViolation(server, transport(settings().build()), "extra reply after MAIL");
    }

    @Test
    void aReplyNobodyAskedForAfterTheDataReplyIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting()
                .on("DATA", "354 End data with <CR><LF>.<CR><LF>\n250 2.0.0 Ok: queued"));
        assertViolation(server, transport(settings().build()), "extra reply after the batch ending in DATA");
        assertFalse(server.sessions().get(0).receivedText().contains("Hello"), "no content was sent");
    }

    @Test
    void aReplyNobodyAskedForInsideTlsIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting()
                .startTls(TestCertificates.get().serverContext(TestCertificates.Kind.GOOD))
                .on("DATA", "354 End data with <CR><LF>.<CR><LF>\n250 2.0.0 Ok: queued"));
        assertViolation(server, transport(settings().tlsMode(TlsMode.STARTTLS).trust(testCa()).build()),
                "extra reply after DATA, inside TLS");
        assertTrue(server.session(0).isTls(), "the dialogue was inside TLS");
        assertFalse(server.sessions().get(0).receivedText().contains("Hello"), "no content was sent");
    }

    @Test
    void aReplyNobodyAskedForAfterAnImplicitTlsGreetingIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting()
                .implicitTls(TestCertificates.get().serverContext(TestCertificates.Kind.GOOD))
                .greeting("220 fake.test ESMTP ready\n250 2.0.0 Ok"));
        assertViolation(server, transport(settings().tlsMode(TlsMode.SMTPS).trust(testCa()).build()),
                "extra reply after the greeting, inside implicit TLS");
        assertFalse(server.received("MAIL"), "no transaction began: " + server.sessions());
    }

    @Test
    void aGreetingWithTheWrongPositiveCodeIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().greeting("250 fake.test ready"));
        assertViolation(server, transport(settings().build()), "greeting 250");
    }

    @Test
    void anEhloAnsweredWithTheWrongPositiveCodeIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("EHLO", "220 fake.test"));
        assertViolation(server, transport(settings().build()), "EHLO 220");
    }

    @Test
    void aHeloAnsweredWithTheWrongPositiveCodeIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("EHLO", "502 5.5.1 no EHLO").on("HELO", "220 hi"));
        assertViolation(server, transport(settings().build()), "HELO 220");
        assertFalse(server.received("MAIL"), "no transaction began: " + server.sessions());
    }

    @Test
    void aStartTlsAnsweredWithTheWrongPositiveCodeIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().offer("STARTTLS").on("STARTTLS", "250 2.0.0 Ok"));
        assertViolation(server, transport(settings().build()), "STARTTLS 250");
    }

    @Test
    void anAuthAnsweredWithTheWrongPositiveCodeIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().auth("user", "right").on("AUTH", "250 2.0.0 Ok"));
        Credentials good = new Credentials("user", Secret.of("right"), List.of(), true);
        assertViolation(server, transport(settings().credentials(good).build()), "AUTH 250");
    }

    @Test
    void aMailAnsweredWithTheWrongPositiveCodeIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("MAIL", "354 go ahead"));
        assertViolation(server, transport(settings().build()), "MAIL 354");
    }

    @Test
    void aRecipientAnsweredWithTheWrongPositiveCodeIsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("RCPT TO:<c@", "354 go ahead"));
        assertViolation(server, transport(settings().build()), "RCPT 354");
    }

    @Test
    void aDataAnsweredWith250IsAViolationNotADelivery() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("DATA", "250 2.0.0 Ok"));
        assertViolation(server, transport(settings().build()), "DATA 250");
    }

    @Test
    void theEndOfDataAnsweredWith354IsAViolation() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().afterData("354 more please"));
        Transport t = transport(settings().build());
        SendRequest r = request(server, Envelope.of("a@example.org", "b@example.net"), SIMPLE);
        ProtocolViolationException e = expectFailure(ProtocolViolationException.class, t, r);
        assertEquals(Phase.DATA, e.phase().orElseThrow(), e.getMessage());
    }

    @Test
    void aMultiLineMailReplyIsAccepted() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("MAIL", "250-2.1.0 Sender\n250 2.1.0 Ok"));
        Transport t = transport(settings().build());
        List<RecipientOutcome> out = outcomes(t, request(server, Envelope.of("a@example.org", "b@example.net"),
                SIMPLE));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
    }

    @Test
    void aRecipientAnswered251IsDelivered() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("RCPT", "251 2.1.5 User not local; will forward"));
        Transport t = transport(settings().build());
        List<RecipientOutcome> out = outcomes(t, request(server, Envelope.of("a@example.org", "b@example.net"),
                SIMPLE));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
    }

    private static List<String> numbered(int n) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(String.format("r%03d@example.net", i));
        }
        return list;
    }

    /** Every recipient the server accepted, with the messages it received, in order. */
    private static List<String> acceptedRecipients(FakeSmtpServer server) {
        List<String> all = new ArrayList<>();
        for (ReceivedMessage m : server.messages()) {
            for (String r : m.rcptTo()) {
                all.add(r.substring("RCPT TO:<".length(), r.indexOf('>')));
            }
        }
        return all;
    }

    @Test
    void recipientsOverTheServerLimitGoInFurtherTransactionsOnTheSameConnection() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().maxRecipients(100, "452 4.5.3 Too many recipients"));
        Transport t = transport(settings().build());
        List<String> to = numbered(250);
        List<RecipientOutcome> out = outcomes(t, request(server,
                Envelope.of("a@example.org", to.toArray(String[]::new)), SIMPLE));
        for (RecipientOutcome o : out) {
            assertEquals(DeliveryStatus.DELIVERED, o.status(), o.toString());
        }
        assertEquals(to, acceptedRecipients(server), "each recipient delivered exactly once, in order");
        assertEquals(List.of(100, 100, 50), server.messages().stream().map(m -> m.rcptTo().size()).toList());
        assertEquals(1, server.connections(), "the further transactions went on the same connection");
        for (ReceivedMessage m : server.messages()) {
            assertEquals(SIMPLE, m.contentText());
        }
    }

    @Test
    void theSplitWorksWithChunkingAndWithoutPipelining() throws Exception {
        List<String> to = numbered(25);
        for (SmtpScript script : List.of(
                SmtpScript.accepting().offer("CHUNKING").maxRecipients(10, "452 4.5.3 Too many recipients"),
                SmtpScript.accepting().withhold("PIPELINING").maxRecipients(10, "452 4.5.3 Too many recipients"))) {
            FakeSmtpServer server = server(script);
            Transport t = transport(settings().build());
            List<RecipientOutcome> out = outcomes(t, request(server,
                    Envelope.of("a@example.org", to.toArray(String[]::new)), SIMPLE));
            assertTrue(out.stream().allMatch(RecipientOutcome::isDelivered), out.toString());
            assertEquals(to, acceptedRecipients(server), server.sessions().toString());
            assertEquals(List.of(10, 10, 5), server.messages().stream().map(m -> m.rcptTo().size()).toList());
            for (ReceivedMessage m : server.messages()) {
                assertEquals(SIMPLE, m.contentText());
            }
        }
    }

    @Test
    void a552TooManyRecipientsAlsoSplitsTheList() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().maxRecipients(2, "552 5.5.3 Too many recipients"));
        Transport t = transport(settings().build());
        List<String> to = numbered(5);
        List<RecipientOutcome> out = outcomes(t, request(server,
                Envelope.of("a@example.org", to.toArray(String[]::new)), SIMPLE));
        assertTrue(out.stream().allMatch(RecipientOutcome::isDelivered), out.toString());
        assertEquals(to, acceptedRecipients(server));
        assertEquals(List.of(2, 2, 1), server.messages().stream().map(m -> m.rcptTo().size()).toList());
    }

    @Test
    void tooManyRecipientsWithNoneAcceptedStaysDeferred() throws Exception {
        FakeSmtpServer server = server(SmtpScript.accepting().on("RCPT", "452 4.5.3 Too many recipients"));
        Transport t = transport(settings().build());
        List<RecipientOutcome> out = outcomes(t, request(server,
                Envelope.of("a@example.org", "b@example.net", "c@example.net"), SIMPLE));
        for (RecipientOutcome o : out) {
            assertEquals(DeliveryStatus.DEFERRED, o.status(), o.toString());
            assertEquals(Phase.RCPT, o.phase().orElseThrow());
        }
        assertEquals(1, server.session(0).lines().stream().filter(l -> l.startsWith("MAIL")).count(),
                "no further transaction when the server took nobody");
    }

    @Test
    void aLongListIsSplitWhenRelayedAndWhenDeliveredDirectly() throws Exception {
        List<String> to = numbered(250);
        Envelope envelope = Envelope.of("a@example.org", to.toArray(String[]::new));
        FakeSmtpServer relay = server(SmtpScript.accepting().maxRecipients(100, "452 4.5.3 Too many recipients"));
        FakeSmtpServer mx = server(SmtpScript.accepting().maxRecipients(100, "452 4.5.3 Too many recipients"));
        Transport t = transport(settings().build());
        DeliveryReport relayed = dev.sendmail.api.Sender.builder().transport(t).smartHost(relay.host()).build()
                .send(envelope, MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT);
        DeliveryReport direct = dev.sendmail.api.Sender.builder().transport(t).route("example.net", mx.host())
                .build().send(envelope, MessageContent.of(SIMPLE), DeliveryOptions.DEFAULT);
        assertTrue(relayed.allDelivered(), () -> relayed.deferred().size() + " deferred, the first: "
                + relayed.deferred().stream().findFirst());
        assertTrue(direct.allDelivered(), () -> direct.deferred().size() + " deferred, the first: "
                + direct.deferred().stream().findFirst());
        assertEquals(to, acceptedRecipients(relay));
        assertEquals(to, acceptedRecipients(mx));
    }

    // ---- hostile and odd replies ---------------------------------------------------------------------------------

    @Test
    void aHugeEhloReplyIsReadWithBoundedMemoryAndTheMailDelivered() throws Exception {
        StringBuilder ehlo = new StringBuilder("250-fake.test greets you\n250-PIPELINING\n250-8BITMIME\n");
        for (int i = 0; i < 20_000; i++) {
            ehlo.append("250-X-FILLER-").append(String.format("%05d", i)).append(' ').append("f".repeat(52))
                    .append('\n');
        }
        ehlo.append("250 SIZE 10240000");
        assertTrue(ehlo.length() > 1_400_000, "a 1.4 MB reply: " + ehlo.length());
        FakeSmtpServer server = server(SmtpScript.accepting().on("EHLO", ehlo.toString()));
        Transport t = transport(settings().build());
        List<RecipientOutcome> out = outcomes(t, request(server, Envelope.of("a@example.org", "b@example.net"),
                SIMPLE));
        assertEquals(DeliveryStatus.DELIVERED, out.get(0).status(), out.get(0).toString());
        assertEquals(SIMPLE, server.messages().get(0).contentText());
    }

    private static int indexOf(List<ReceivedSession.Command> cmds, String verb) {
        for (int i = 0; i < cmds.size(); i++) {
            if (cmds.get(i).line().regionMatches(true, 0, verb, 0, verb.length())) {
                return i;
            }
        }
        return -1;
    }
}
