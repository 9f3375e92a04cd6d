package dev.sendmail.resolver.dns.internal;

import dev.sendmail.api.ResolutionFailedException.Reason;
import java.net.InetSocketAddress;
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
    private final int attempts;
    private final Duration guard;

    private record Server(String label, SimpleResolver edns, SimpleResolver plain) {
    }

    public DnsClient(DnsOptions options) {
        List<Server> list = new ArrayList<>();
        for (InetSocketAddress a : options.servers()) {
            list.add(new Server(label(a), resolver(a, options, true), resolver(a, options, false)));
        }
        this.servers = List.copyOf(list);
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

    /**
     * Asks for {@code type} records of {@code name}.
     *
     * @return the answer, whose rcode is NOERROR or NXDOMAIN
     * @throws LookupException {@link Reason#TEMPORARY} when no server gave a usable answer (the last failure is
     *     reported)
     */
    public Message query(Name name, int type) throws LookupException {
        String question = Type.string(type) + " " + printable(name);
        LookupException last = null;
        for (int round = 0; round < attempts; round++) {
            for (Server s : servers) {
                try {
                    Message m = send(s.edns, name, type);
                    if (m.getRcode() == Rcode.FORMERR) {
                        m = send(s.plain, name, type);
                    }
                    int rcode = m.getRcode();
                    if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                        return m;
                    }
                    last = Failures.ofRcode(rcode, question, s.label);
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

    private Message send(SimpleResolver r, Name name, int type)
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
