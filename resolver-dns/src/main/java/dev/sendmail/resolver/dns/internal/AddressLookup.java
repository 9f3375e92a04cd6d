package dev.sendmail.resolver.dns.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A host's addresses: its AAAA and A records (CNAMEs followed), in the configured family order, without
 * duplicates, at most {@link #MAX_ADDRESSES}. Failures do not throw: a host whose AAAA lookup times out but whose
 * A lookup answers still has addresses; a host with none says why in {@link HostAddresses#problem()}.
 */
public final class AddressLookup {

    public static final int MAX_ADDRESSES = 16;

    /**
     * @param addresses in the order to try; may be empty
     * @param problem why there are none (empty when there are some), e.g. {@code no such host (NXDOMAIN)}
     * @param secure every address answer used was DNSSEC-validated as secure
     */
    public record HostAddresses(List<InetAddress> addresses, String problem, boolean secure) {
        public HostAddresses {
            addresses = List.copyOf(addresses);
        }

        public HostAddresses(List<InetAddress> addresses, String problem) {
            this(addresses, problem, false);
        }
    }

    private final RecordLookup lookup;
    private final AddressOrder order;

    public AddressLookup(RecordLookup lookup, AddressOrder order) {
        this.lookup = lookup;
        this.order = order;
    }

    public HostAddresses addresses(Name host) {
        Set<InetAddress> found = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        boolean noSuchName = false;
        boolean secure = true;
        for (int type : order.types()) {
            try {
                DnsAnswer a = lookup.lookup(host, type);
                secure &= a.secure();
                switch (a.status()) {
                    case FOUND -> {
                        for (Record r : a.records()) {
                            if (found.size() < MAX_ADDRESSES) {
                                found.add(address(r));
                            }
                        }
                    }
                    case NO_SUCH_NAME -> noSuchName = true;
                    case NO_DATA -> { }
                    default -> throw new IllegalStateException(a.status().toString());
                }
            } catch (LookupException e) {
                problems.add(e.getMessage());
            }
        }
        if (!found.isEmpty()) {
            return new HostAddresses(List.copyOf(found), "", secure);
        }
        String why;
        if (!problems.isEmpty()) {
            why = String.join("; ", problems);
        } else if (noSuchName) {
            why = "no such host (NXDOMAIN)";
        } else {
            why = "no " + families() + " record";
        }
        return new HostAddresses(List.of(), why);
    }

    private String families() {
        List<String> names = new ArrayList<>();
        for (int t : order.types()) {
            names.add(Type.string(t));
        }
        return String.join("/", names);
    }

    private static InetAddress address(Record r) {
        byte[] raw;
        if (r instanceof ARecord a) {
            raw = a.getAddress().getAddress();
        } else if (r instanceof AAAARecord a) {
            raw = a.getAddress().getAddress();
        } else {
            throw new IllegalArgumentException("not an address record: " + r);
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of illegal length", e);
        }
    }
}
