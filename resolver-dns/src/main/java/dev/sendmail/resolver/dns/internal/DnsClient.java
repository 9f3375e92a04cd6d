package dev.sendmail.resolver.dns.internal;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.ResolutionFailedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * Sends one question to the configured servers and returns the first usable answer (rcode NOERROR or
 * NXDOMAIN). Servers are tried in the configured order, {@code attempts} rounds; a timeout, a network error or
 * a SERVFAIL/REFUSED moves on to the next server. Each query goes over UDP with EDNS (payload 1232) and is
 * repeated over TCP when the answer is truncated (dnsjava's {@link SimpleResolver} does this); a FORMERR is
 * retried once without EDNS for old servers. No global dnsjava state is touched.
 */
public final class DnsClient {

    static final int EDNS_PAYLOAD = 1232;

    private final List<Server> servers;
    private final List<Server> validating;
    private final DnsOptions.Dnssec dnssec;
    private final TrustAnchors anchors;
    private final int attempts;
    private final Duration guard;
    private volatile Boolean dnssecData;

    private record Server(String label, Resolver edns, SimpleResolver plain) {
    }

    public DnsClient(DnsOptions options) {
        this(options, Clock.systemUTC());
    }

    /**
     * @param clock for DNSSEC signature validity (tests)
     */
    public DnsClient(DnsOptions options, Clock clock) {
        List<Server> list = new ArrayList<>();
        List<Server> checked = new ArrayList<>();
        for (InetSocketAddress a : options.servers()) {
            SimpleResolver plain = resolver(a, options, false);
            list.add(new Server(label(a), resolver(a, options, true), plain));
            if (options.dnssec() != DnsOptions.Dnssec.OFF) {
                // plain: the same server without validation, asked only to tell a refusing server from a bogus answer
                checked.add(new Server(label(a), validating(resolver(a, options, true), options.anchors(), clock),
                        resolver(a, options, true)));
            }
        }
        this.servers = List.copyOf(list);
        this.validating = List.copyOf(checked);
        this.dnssec = options.dnssec();
        this.anchors = options.anchors();
        this.attempts = options.attempts();
        // a truncated UDP answer is followed by a TCP query with its own timeout
        this.guard = options.timeout().multipliedBy(2).plusSeconds(1);
    }

    private static SimpleResolver resolver(InetSocketAddress a, DnsOptions options, boolean edns) {
        SimpleResolver r = new SimpleResolver(a);
        r.setTimeout(options.timeout());
        r.setTCP(options.tcpOnly());
        if (edns) {
            r.setEDNS(0, EDNS_PAYLOAD, 0, List.of());
        } else {
            r.setEDNS(-1, 0, 0, List.of());
        }
        return r;
    }

    private static ValidatingResolver validating(SimpleResolver head, TrustAnchors anchors, Clock clock) {
        ValidatingResolver v = new ValidatingResolver(head, clock);
        try {
            v.loadTrustAnchors(new ByteArrayInputStream(anchors.text().getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot load the DNSSEC trust anchors: " + Failures.detail(e), e);
        }
        return v;
    }

    /** Whether answers are validated: validation is on and the servers return DNSSEC data. */
    public boolean validates() {
        return dnssec != DnsOptions.Dnssec.OFF && Boolean.TRUE.equals(dnssecData);
    }

    /**
     * Why answers are not validated although validation is on; empty when they are (or validation is off, or the
     * servers have not been asked yet).
     */
    public java.util.Optional<String> dnssecProblem() {
        return dnssec != DnsOptions.Dnssec.OFF && Boolean.FALSE.equals(dnssecData)
                ? java.util.Optional.of("the DNS servers return no DNSSEC data (no signed DNSKEY for the trust anchor)")
                : java.util.Optional.empty();
    }

    /**
     * Asks for {@code type} records of {@code name}. With DNSSEC validation, the answer's AD flag says whether it
     * is secure (set by the validator, never taken from a server); a bogus answer is a {@link Reason#TEMPORARY}
     * failure naming the validator's reason.
     *
     * @return the answer, whose rcode is NOERROR or NXDOMAIN
     * @throws LookupException {@link Reason#TEMPORARY} when no server gave a usable answer (the last failure is
     *     reported)
     */
    public Message query(Name name, int type) throws LookupException {
        List<Server> use = servers;
        if (dnssec != DnsOptions.Dnssec.OFF) {
            if (hasDnssecData()) {
                use = validating;
            } else if (dnssec == DnsOptions.Dnssec.REQUIRE) {
                throw new LookupException(Reason.TEMPORARY, "DNSSEC is required (dnssec=require), but "
                        + dnssecProblem().orElse("the DNS servers give no DNSSEC data"), null);
            }
        }
        boolean checked = use == validating;
        String question = Type.string(type) + " " + printable(name);
        LookupException last = null;
        for (int round = 0; round < attempts; round++) {
            for (Server s : use) {
                try {
                    Message m = send(s.edns, name, type);
                    if (m.getRcode() == Rcode.FORMERR && !checked) {
                        m = send(s.plain, name, type);
                    }
                    int rcode = m.getRcode();
                    if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                        if (!checked) {
                            m.getHeader().unsetFlag(Flags.AD);
                        }
                        return m;
                    }
                    String bogus = checked ? validationFailure(m) : null;
                    int raw = bogus == null ? rcode : send(s.plain, name, type).getRcode();
                    if (bogus != null && raw != Rcode.NOERROR && raw != Rcode.NXDOMAIN) {
                        // the server itself failed (REFUSED, SERVFAIL): not a question of signatures
                        bogus = null;
                        rcode = raw;
                    }
                    last = bogus != null ? new LookupException(Reason.TEMPORARY, "DNSSEC validation failed for "
                            + question + " (bogus): " + bogus, null) : Failures.ofRcode(rcode, question, s.label);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LookupException(Reason.TEMPORARY, "DNS query " + question + " interrupted", e);
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    last = Failures.ofThrowable(e, question, s.label);
                }
            }
        }
        throw last;
    }

    /** The validator's reason for a bogus answer (a TXT record of its private class), or null. */
    static String validationFailure(Message m) {
        for (org.xbill.DNS.Record r : m.getSection(Section.ADDITIONAL)) {
            if (r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS && r instanceof TXTRecord t) {
                String reason = ControlCharacters.oneLine(String.join(" ", t.getStrings()));
                return reason.length() > 200 ? reason.substring(0, 200) : reason;
            }
        }
        return null;
    }

    /**
     * Whether the servers return DNSSEC data: the DNSKEY records of a trust anchor's name, signed. Asked once; a
     * server that cannot be reached leaves the question open for the next lookup.
     */
    private boolean hasDnssecData() throws LookupException {
        Boolean known = dnssecData;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (dnssecData != null) {
                return dnssecData;
            }
            LookupException last = null;
            boolean answered = false;
            for (Name owner : anchors.owners()) {
                for (Server s : servers) {
                    try {
                        Message q = Message.newQuery(org.xbill.DNS.Record.newRecord(owner, Type.DNSKEY, DClass.IN));
                        SimpleResolver probe = (SimpleResolver) s.edns;
                        Message m = sendWithDo(probe, q);
                        answered = true;
                        boolean keys = false;
                        boolean sigs = false;
                        for (org.xbill.DNS.Record r : m.getSection(Section.ANSWER)) {
                            keys |= r.getType() == Type.DNSKEY;
                            sigs |= r.getType() == Type.RRSIG;
                        }
                        if (keys && sigs) {
                            dnssecData = true;
                            return true;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new LookupException(Reason.TEMPORARY, "DNS query DNSKEY interrupted", e);
                    } catch (ExecutionException | TimeoutException | RuntimeException e) {
                        last = Failures.ofThrowable(e, "DNSKEY " + printable(owner), s.label);
                    }
                }
            }
            if (!answered && last != null) {
                throw last;
            }
            dnssecData = false;
            return false;
        }
    }

    private Message sendWithDo(SimpleResolver r, Message q)
            throws InterruptedException, ExecutionException, TimeoutException {
        SimpleResolver copy = new SimpleResolver(r.getAddress());
        copy.setTimeout(r.getTimeout());
        copy.setTCP(r.getTCP());
        copy.setEDNS(0, EDNS_PAYLOAD, ExtendedFlags.DO, List.of());
        CompletableFuture<Message> f = copy.sendAsync(q).toCompletableFuture();
        try {
            return f.get(guard.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            f.cancel(true);
        }
    }

    private Message send(Resolver r, Name name, int type)
            throws InterruptedException, ExecutionException, TimeoutException {
        Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        CompletableFuture<Message> f = r.sendAsync(q).toCompletableFuture();
        try {
            return f.get(guard.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            f.cancel(true);
        }
    }

    private static String label(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + a.getPort() : host + ":" + a.getPort();
    }

    /** The name without the trailing dot, for messages. */
    static String printable(Name name) {
        String s = name.toString(true);
        return s.isEmpty() ? "." : s;
    }
}
