package dev.sendmail.resolver.dns.internal;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.ResolutionFailedException.Reason;
import dev.sendmail.api.TlsRequirement;
import dev.sendmail.api.TlsaRecord;
import dev.sendmail.spi.DnssecStatus;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.SrvRecord;
import dev.sendmail.spi.TxtAnswer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * The {@code dns} resolver (RFC 5321 section 5.1, RFC 7505): MX hosts by preference with ties shuffled, each with
 * its AAAA and A addresses; no MX means the domain itself (implicit MX); a lone {@code MX 0 .} means the domain
 * takes no mail. A root exchange next to real MX records is ignored (RFC 7505 forbids the mix; the real hosts
 * are used). Every failure leaves as a {@link ResolutionFailedException}; nothing from dnsjava escapes.
 */
public final class DnsResolver implements Resolver {

    /** MX hosts considered per domain; the rest are dropped (a hostile zone cannot make us do unbounded work). */
    public static final int MAX_MX_HOSTS = 32;
    static final int LOOKUP_THREADS = 8;
    private static final int MAX_PROBLEMS_SHOWN = 3;

    private final RecordLookup lookup;
    private final DnsClient client;
    private final AddressLookup addresses;
    private final RandomGenerator random;
    private final ExecutorService pool;

    public DnsResolver(DnsOptions options, RandomGenerator random, Clock clock) {
        this.client = new DnsClient(options, clock);
        this.lookup = new RecordLookup(client, new AnswerCache(clock, AnswerCache.DEFAULT_MAX_ENTRIES));
        this.addresses = new AddressLookup(lookup, options.order());
        this.random = random;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(LOOKUP_THREADS, r -> {
            Thread t = new Thread(r, "send-mail-dns-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public MailRoute resolve(String domain) throws ResolutionFailedException {
        if (domain == null) {
            throw new ResolutionFailedException("", Reason.PERMANENT, "domain is missing", null);
        }
        if (AddressLiterals.isLiteral(domain)) {
            return AddressLiterals.route(domain);
        }
        Name name = DomainNames.parse(domain);
        String d = DnsClient.printable(name).toLowerCase(java.util.Locale.ROOT);
        try {
            return route(d, name);
        } catch (LookupException e) {
            throw e.toResolutionFailure(d);
        } catch (RuntimeException e) {
            throw new ResolutionFailedException(d, Reason.TEMPORARY,
                    "DNS error: " + e.getClass().getSimpleName() + ": " + Failures.detail(e), e);
        }
    }

    private MailRoute route(String d, Name name) throws LookupException, ResolutionFailedException {
        DnsAnswer mx = lookup.lookup(name, Type.MX);
        switch (mx.status()) {
            case NO_SUCH_NAME -> throw new ResolutionFailedException(d, Reason.NO_SUCH_DOMAIN,
                    mx.name().equals(name) ? "no such domain (NXDOMAIN)"
                            : "no such domain (NXDOMAIN for alias target " + DnsClient.printable(mx.name()) + ")", null);
            case NO_DATA -> {
                return implicitMx(d, mx.name(), mx.secure());
            }
            case FOUND -> {
                return mxRoute(d, mx.records(), mx.secure());
            }
            default -> throw new IllegalStateException(mx.status().toString());
        }
    }

    /** RFC 5321 5.1: no MX records, so the domain (its canonical name's addresses) is the one host. */
    private MailRoute implicitMx(String d, Name canonical, boolean secureNoMx) throws ResolutionFailedException {
        AddressLookup.HostAddresses h = addresses.addresses(canonical);
        if (h.addresses().isEmpty()) {
            throw new ResolutionFailedException(d, Reason.NO_ADDRESS, "no MX record and no address: " + h.problem(), null);
        }
        boolean secure = secureNoMx && h.secure();
        MailHost host = new MailHost(d, OptionalInt.empty(), h.addresses(), -1)
                .withTlsRequirement(secure ? dane(canonical, d) : TlsRequirement.OPPORTUNISTIC);
        return new MailRoute(d, MailRoute.Kind.IMPLICIT_MX, List.of(host), status(secure));
    }

    /** What the route's DNSSEC status is, given whether its records were secure. */
    private DnssecStatus status(boolean secure) {
        if (!client.validates()) {
            return DnssecStatus.UNCHECKED;
        }
        return secure ? DnssecStatus.SECURE : DnssecStatus.INSECURE;
    }

    /**
     * RFC 7672 2.2: the TLSA records of {@code _25._tcp.HOST}, looked up only for a host whose MX and address
     * records are secure. Secure usable records make DANE mandatory; secure records none of which is usable make
     * TLS mandatory without authentication; no records or an insecure answer leave TLS opportunistic; a failed
     * lookup (bogus, SERVFAIL, timeout) makes the host unusable for now.
     */
    private TlsRequirement dane(Name host, String hostName) {
        Name owner;
        try {
            owner = Name.concatenate(Name.fromConstantString("_25._tcp"), host);
        } catch (org.xbill.DNS.NameTooLongException e) {
            return TlsRequirement.OPPORTUNISTIC;
        }
        DnsAnswer a;
        try {
            a = lookup.lookup(owner, Type.TLSA);
        } catch (LookupException e) {
            return new TlsRequirement.Unavailable("TLSA lookup failed: " + e.getMessage());
        }
        if (!a.secure() || a.status() != DnsAnswer.Status.FOUND) {
            return TlsRequirement.OPPORTUNISTIC;
        }
        List<TlsaRecord> usable = new ArrayList<>();
        for (Record r : a.records()) {
            TLSARecord t = (TLSARecord) r;
            try {
                TlsaRecord x = new TlsaRecord(t.getCertificateUsage(), t.getSelector(), t.getMatchingType(),
                        t.getCertificateAssociationData());
                if (x.isUsableForSmtp() && !usable.contains(x)) {
                    usable.add(x);
                }
            } catch (IllegalArgumentException e) {
                // malformed data: an unusable record
            }
        }
        return usable.isEmpty() ? new TlsRequirement.Encrypted("DANE, no usable TLSA record")
                : new TlsRequirement.Dane(hostName, usable);
    }

    /** A host's addresses and, when its MX and address records are secure, its DANE requirement. */
    private record HostInfo(AddressLookup.HostAddresses addresses, TlsRequirement requirement) {
    }

    private HostInfo hostInfo(Name host, String hostName, boolean secureMx) {
        AddressLookup.HostAddresses h = addresses.addresses(host);
        boolean secure = secureMx && client.validates() && h.secure() && !h.addresses().isEmpty();
        return new HostInfo(h, secure ? dane(host, hostName) : TlsRequirement.OPPORTUNISTIC);
    }

    private MailRoute mxRoute(String d, List<Record> records, boolean secureMx) throws ResolutionFailedException {
        List<MxRecord> mx = new ArrayList<>();
        boolean sawRoot = false;
        for (Record r : records) {
            MxRecord m = new MxRecord(((MXRecord) r).getPriority(), ((MXRecord) r).getTarget().toString(true));
            if (m.isRoot()) {
                sawRoot = true;
            } else {
                mx.add(m);
            }
        }
        if (mx.isEmpty() && sawRoot) {
            throw new ResolutionFailedException(d, Reason.NULL_MX, "domain does not accept mail (null MX, RFC 7505)", null);
        }
        List<MxRecord> ordered;
        synchronized (random) {
            ordered = MxOrdering.order(mx, random);
        }
        if (ordered.size() > MAX_MX_HOSTS) {
            ordered = ordered.subList(0, MAX_MX_HOSTS);
        }
        List<Future<HostInfo>> pending = new ArrayList<>();
        for (MxRecord m : ordered) {
            Name host = hostName(m);
            pending.add(host == null ? CompletableFuture.completedFuture(new HostInfo(
                    new AddressLookup.HostAddresses(List.of(), "not a valid host name"), TlsRequirement.OPPORTUNISTIC))
                    : CompletableFuture.supplyAsync(() -> hostInfo(host, m.host(), secureMx), pool));
        }
        List<MailHost> hosts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            MxRecord m = ordered.get(i);
            HostInfo info = await(d, pending.get(i));
            AddressLookup.HostAddresses h = info.addresses();
            if (h.addresses().isEmpty()) {
                problems.add(m.host() + ": " + h.problem());
            } else {
                hosts.add(new MailHost(m.host(), OptionalInt.empty(), h.addresses(), m.preference())
                        .withTlsRequirement(info.requirement()));
            }
        }
        if (hosts.isEmpty()) {
            List<String> shown = problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_SHOWN));
            String more = problems.size() > shown.size() ? "; ..." : "";
            throw new ResolutionFailedException(d, Reason.NO_ADDRESS, "none of the " + ordered.size()
                    + " MX hosts has an address: " + String.join("; ", shown) + more, null);
        }
        return new MailRoute(d, MailRoute.Kind.MX, hosts, status(secureMx));
    }

    /** SRV records (RFC 2782) in the order to try them, each non-root target with its addresses. */
    @Override
    public List<SrvRecord> srv(String name) throws ResolutionFailedException {
        if (name == null) {
            throw new ResolutionFailedException("", Reason.PERMANENT, "name is missing", null);
        }
        Name n = DomainNames.parse(name);
        String d = DnsClient.printable(n).toLowerCase(java.util.Locale.ROOT);
        try {
            DnsAnswer a = lookup.lookup(n, Type.SRV);
            switch (a.status()) {
                case NO_SUCH_NAME -> throw new ResolutionFailedException(d, Reason.NO_SUCH_DOMAIN,
                        "no such name (NXDOMAIN)", null);
                case NO_DATA -> {
                    return List.of();
                }
                case FOUND -> {
                    return srvRecords(d, a.records());
                }
                default -> throw new IllegalStateException(a.status().toString());
            }
        } catch (LookupException e) {
            throw e.toResolutionFailure(d);
        } catch (RuntimeException e) {
            throw new ResolutionFailedException(d, Reason.TEMPORARY,
                    "DNS error: " + e.getClass().getSimpleName() + ": " + Failures.detail(e), e);
        }
    }

    private List<SrvRecord> srvRecords(String d, List<Record> records) throws ResolutionFailedException {
        List<SrvRecord> raw = new ArrayList<>();
        for (Record r : records) {
            SRVRecord srv = (SRVRecord) r;
            String target = srv.getTarget().equals(Name.root) ? "." : srv.getTarget().toString(true);
            raw.add(new SrvRecord(srv.getPriority(), srv.getWeight(), srv.getPort(), target, List.of()));
        }
        List<SrvRecord> ordered;
        synchronized (random) {
            ordered = SrvOrdering.order(raw, random);
        }
        if (ordered.size() > MAX_MX_HOSTS) {
            ordered = ordered.subList(0, MAX_MX_HOSTS);
        }
        List<Future<AddressLookup.HostAddresses>> pending = new ArrayList<>();
        for (SrvRecord r : ordered) {
            Name host = r.isNoService() ? null : hostName(new MxRecord(0, r.target()));
            pending.add(host == null ? CompletableFuture.completedFuture(
                    new AddressLookup.HostAddresses(List.of(), "no host"))
                    : CompletableFuture.supplyAsync(() -> addresses.addresses(host), pool));
        }
        List<SrvRecord> out = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            SrvRecord r = ordered.get(i);
            out.add(new SrvRecord(r.priority(), r.weight(), r.port(), r.target(), await(d, pending.get(i)).addresses()));
        }
        return out;
    }

    /** TXT records, each joined and bounded by {@link TxtRecords}; NXDOMAIN and NODATA are answers. */
    @Override
    public TxtAnswer txt(String name) throws ResolutionFailedException {
        if (name == null) {
            throw new ResolutionFailedException("", Reason.PERMANENT, "name is missing", null);
        }
        Name n = DomainNames.parse(name);
        String d = DnsClient.printable(n).toLowerCase(java.util.Locale.ROOT);
        try {
            DnsAnswer a = lookup.lookup(n, Type.TXT);
            TxtAnswer answer = switch (a.status()) {
                case NO_SUCH_NAME -> TxtAnswer.noSuchName(d);
                case NO_DATA -> TxtAnswer.noData(d);
                case FOUND -> {
                    List<String> texts = TxtRecords.texts(a.records());
                    yield texts.isEmpty() ? TxtAnswer.noData(d) : TxtAnswer.found(d, texts);
                }
            };
            return answer.withDnssec(status(a.secure()));
        } catch (LookupException e) {
            throw e.toResolutionFailure(d);
        } catch (RuntimeException e) {
            throw new ResolutionFailedException(d, Reason.TEMPORARY,
                    "DNS error: " + e.getClass().getSimpleName() + ": " + Failures.detail(e), e);
        }
    }

    private static Name hostName(MxRecord m) {
        try {
            return DomainNames.parse(m.host());
        } catch (ResolutionFailedException e) {
            return null;
        }
    }

    private static <T> T await(String d, Future<T> f)
            throws ResolutionFailedException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResolutionFailedException(d, Reason.TEMPORARY, "interrupted while looking up MX hosts", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new ResolutionFailedException(d, Reason.TEMPORARY,
                    "DNS error: " + c.getClass().getSimpleName() + ": " + Failures.detail(c), c);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
