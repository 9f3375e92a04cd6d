package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ResolutionFailedException.Reason;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.SrvRecord;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubmissionDiscoveryTest {

    /** Answers SRV queries from a map; a name not in it is NXDOMAIN. */
    static final class SrvResolver implements Resolver {
        final Map<String, Object> answers = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        SrvResolver add(String name, int priority, int weight, int port, String target) throws Exception {
            @SuppressWarnings("unchecked")
            List<SrvRecord> list = (List<SrvRecord>) answers.computeIfAbsent(name, k -> new ArrayList<SrvRecord>());
            list.add(new SrvRecord(priority, weight, port, target, target.equals(".") || target.startsWith("noaddr")
                    ? List.of() : List.of(InetAddress.getByName("192.0.2." + (list.size() + port % 100)))));
            return this;
        }

        @Override
        public MailRoute resolve(String domain) {
            throw new AssertionError("no MX lookups here");
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<SrvRecord> srv(String name) throws ResolutionFailedException {
            asked.add(name);
            Object a = answers.get(name);
            if (a instanceof ResolutionFailedException e) {
                throw e;
            }
            if (a == null) {
                throw new ResolutionFailedException(name, Reason.NO_SUCH_DOMAIN, "no such domain (NXDOMAIN)", null);
            }
            return (List<SrvRecord>) a;
        }
    }

    private static List<String> hosts(SubmissionDiscovery.Result r) {
        return r.route().hosts().stream().map(h -> h.name() + ":" + h.port().getAsInt() + "/"
                + h.tlsMode().orElseThrow().cliName()).toList();
    }

    @Test
    void implicitTlsFirstAtEqualPriorityAndPriorityAcrossBothServices() throws Exception {
        SrvResolver dns = new SrvResolver()
                .add("_submission._tcp.example.org", 0, 1, 587, "a.example.org")
                .add("_submission._tcp.example.org", 10, 1, 587, "b.example.org")
                .add("_submissions._tcp.example.org", 10, 1, 465, "c.example.org")
                .add("_submissions._tcp.example.org", 20, 1, 465, "d.example.org");
        SubmissionDiscovery.Result r = SubmissionDiscovery.discover(dns, "Example.ORG");
        assertEquals(List.of("_submissions._tcp.example.org", "_submission._tcp.example.org"), dns.asked);
        assertEquals(List.of("a.example.org:587/starttls", "c.example.org:465/smtps", "b.example.org:587/starttls",
                "d.example.org:465/smtps"), hosts(r));
        assertEquals(MailRoute.Kind.SRV, r.route().kind());
        assertEquals(1, r.route().hosts().get(0).addresses().size());
    }

    @Test
    void rootTargetOutsideTargetAndTargetWithoutAddressAreShownButSkipped() throws Exception {
        SrvResolver dns = new SrvResolver()
                .add("_submissions._tcp.example.org", 0, 0, 0, ".")
                .add("_submission._tcp.example.org", 0, 1, 587, "smtp.attacker.test")
                .add("_submission._tcp.example.org", 1, 1, 587, "noaddr.example.org")
                .add("_submission._tcp.example.org", 2, 1, 587, "mail.example.org");
        SubmissionDiscovery.Result r = SubmissionDiscovery.discover(dns, "example.org");
        assertEquals(List.of("mail.example.org:587/starttls"), hosts(r));
        assertEquals(4, r.candidates().size());
        assertTrue(r.candidates().get(0).skipped().orElseThrow().contains("not offered"), r.candidates().toString());
        assertTrue(r.candidates().get(1).skipped().orElseThrow().contains("outside example.org"));
        assertTrue(r.candidates().get(2).skipped().orElseThrow().contains("no address"));
        assertEquals(Optional.empty(), r.candidates().get(3).skipped());
    }

    @Test
    void noRecordIsPermanentAndNamesWhatWasLookedUp() {
        ResolutionFailedException e = assertThrows(ResolutionFailedException.class,
                () -> SubmissionDiscovery.discover(new SrvResolver(), "example.org"));
        assertEquals(Reason.NO_SUCH_DOMAIN, e.reason());
        assertTrue(e.getMessage().contains("_submissions._tcp.example.org: no such name"), e.getMessage());
        assertTrue(e.getMessage().contains("_submission._tcp.example.org: no such name"), e.getMessage());
    }

    @Test
    void onlyNoServiceRecordsArePermanentToo() throws Exception {
        SrvResolver dns = new SrvResolver().add("_submission._tcp.example.org", 0, 0, 0, ".");
        ResolutionFailedException e = assertThrows(ResolutionFailedException.class,
                () -> SubmissionDiscovery.discover(dns, "example.org"));
        assertEquals(Reason.NO_SUCH_DOMAIN, e.reason());
        assertTrue(e.getMessage().contains("not offered"), e.getMessage());
    }

    @Test
    void aTimeoutWithNothingFoundIsTransientButDoesNotHideWhatTheOtherServiceFound() throws Exception {
        SrvResolver dns = new SrvResolver();
        dns.answers.put("_submissions._tcp.example.org", new ResolutionFailedException(
                "_submissions._tcp.example.org", Reason.TEMPORARY, "DNS query timed out", null));
        ResolutionFailedException e = assertThrows(ResolutionFailedException.class,
                () -> SubmissionDiscovery.discover(dns, "example.org"));
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        dns.add("_submission._tcp.example.org", 0, 1, 587, "mail.example.org");
        SubmissionDiscovery.Result r = SubmissionDiscovery.discover(dns, "example.org");
        assertEquals(List.of("mail.example.org:587/starttls"), hosts(r));
        assertEquals(1, r.problems().size());
    }

    @Test
    void aSmartRouteOfSeveralHostsIsTriedInOrder() throws Exception {
        SrvResolver dns = new SrvResolver()
                .add("_submissions._tcp.example.org", 0, 1, 465, "down.example.org")
                .add("_submission._tcp.example.org", 5, 1, 587, "mail.example.org");
        SubmissionDiscovery.Result found = SubmissionDiscovery.discover(dns, "example.org");
        SenderVerifyTest.ScriptedTransport t = new SenderVerifyTest.ScriptedTransport();
        Sender s = Sender.builder().transport(t).smartHosts(found.route()).build();
        assertTrue(s.verify(Envelope.of("me@example.org", "you@example.net"), false).allDelivered());
        assertEquals(List.of("down.example.org [you@example.net]", "mail.example.org [you@example.net]"), t.calls);
        assertEquals(250, s.etrn(EtrnNode.parse("example.org")).reply().code());
        assertEquals("mail.example.org ETRN example.org", t.calls.get(3));
    }
}
