package dev.sendmail.resolver.dns.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A scripted DNS server for unit tests on 127.0.0.1 (UDP and TCP on the same ephemeral port), built on dnsjava's
 * message classes. It answers from records added with {@link #add}, follows CNAMEs in its own data like a
 * recursive server (unless told not to), answers NXDOMAIN for unknown names and NOERROR/no data for known names
 * without the type, and produces the faults real servers rarely give on demand: SERVFAIL, REFUSED, no answer at
 * all, a truncated UDP answer (full answer over TCP), FORMERR for EDNS queries. Every query is logged.
 */
final class FakeDnsServer implements AutoCloseable {

    enum Fault { SERVFAIL, REFUSED, DROP, TRUNCATE_UDP, FORMERR_IF_EDNS }

    /** Matches every name or every type in {@link #fault}. */
    static final String ANY_NAME = "*";
    static final int ANY_TYPE = -1;

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final List<Record> zone = new CopyOnWriteArrayList<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile boolean chaseCnames = true;

    private FakeDnsServer(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
        Thread u = new Thread(this::udpLoop, "fake-dns-udp");
        u.setDaemon(true);
        u.start();
        Thread t = new Thread(this::tcpLoop, "fake-dns-tcp");
        t.setDaemon(true);
        t.start();
    }

    static FakeDnsServer start() throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        for (int i = 0; ; i++) {
            DatagramSocket u = new DatagramSocket(new InetSocketAddress(lo, 0));
            ServerSocket t = new ServerSocket();
            try {
                t.bind(new InetSocketAddress(lo, u.getLocalPort()));
                return new FakeDnsServer(u, t);
            } catch (BindException e) {
                u.close();
                t.close();
                if (i > 20) {
                    throw e;
                }
            }
        }
    }

    /** {@code host:port}, as the resolver settings take it. */
    String server() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    /** Adds a record, such as {@code add("example.test", Type.MX, "10 mx1.example.test.")}. */
    FakeDnsServer add(String owner, int type, String rdata) {
        return add(owner, type, 300, rdata);
    }

    FakeDnsServer add(String owner, int type, long ttl, String rdata) {
        try {
            zone.add(Record.fromString(Name.fromString(owner, Name.root), type, DClass.IN, ttl, rdata, Name.root));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    /** Adds a record as it is (a signature, a DNSKEY). */
    FakeDnsServer add(Record record) {
        zone.add(record);
        return this;
    }

    /** Makes queries for {@code name} (or {@link #ANY_NAME}) and {@code type} (or {@link #ANY_TYPE}) fail. */
    FakeDnsServer fault(String name, int type, Fault fault) {
        faults.put(key(name, type), fault);
        return this;
    }

    /** Stop at the first CNAME, as an authoritative server for another zone would. */
    FakeDnsServer chaseCnames(boolean value) {
        chaseCnames = value;
        return this;
    }

    /** Queries seen, each as {@code udp MX example.test} or {@code tcp A mx1.example.test}. */
    List<String> queries() {
        return List.copyOf(log);
    }

    long count(String query) {
        return log.stream().filter(query::equals).count();
    }

    private static String key(String name, int type) {
        String n = name.equals(ANY_NAME) ? ANY_NAME : name.toLowerCase().replaceAll("\\.$", "");
        return n + "/" + type;
    }

    private Fault faultFor(Name name, int type) {
        String n = name.toString(true).toLowerCase();
        for (String k : new String[] {key(n, type), key(n, ANY_TYPE), key(ANY_NAME, type), key(ANY_NAME, ANY_TYPE)}) {
            Fault f = faults.get(k);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** The reply to send, or null for none. */
    private byte[] answer(byte[] in, boolean overTcp) {
        Message q;
        try {
            q = new Message(in);
        } catch (IOException e) {
            return null;
        }
        Record question = q.getQuestion();
        Name name = question.getName();
        int type = question.getType();
        log.add((overTcp ? "tcp " : "udp ") + Type.string(type) + " " + name.toString(true).toLowerCase());
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        if (q.getHeader().getFlag(Flags.RD)) {
            r.getHeader().setFlag(Flags.RD);
        }
        r.addRecord(question, Section.QUESTION);
        Fault fault = faultFor(name, type);
        if (fault == Fault.DROP) {
            return null;
        }
        if (fault == Fault.SERVFAIL || fault == Fault.REFUSED) {
            r.getHeader().setRcode(fault == Fault.SERVFAIL ? Rcode.SERVFAIL : Rcode.REFUSED);
            return r.toWire();
        }
        if (fault == Fault.FORMERR_IF_EDNS && q.getOPT() != null) {
            r.getHeader().setRcode(Rcode.FORMERR);
            return r.toWire();
        }
        if (fault == Fault.TRUNCATE_UDP && !overTcp) {
            r.getHeader().setFlag(Flags.TC);
            return r.toWire();
        }
        fill(r, name, type);
        return r.toWire();
    }

    private void fill(Message r, Name name, int type) {
        Name current = name;
        for (int hops = 0; hops < 20; hops++) {
            List<Record> owned = new ArrayList<>();
            for (Record rec : zone) {
                if (rec.getName().equals(current)) {
                    owned.add(rec);
                }
            }
            List<Record> matching = owned.stream().filter(x -> x.getType() == type).toList();
            if (!matching.isEmpty()) {
                matching.forEach(x -> r.addRecord(x, Section.ANSWER));
                // the signatures of the RRset, as a DNSSEC-aware server gives them
                owned.stream().filter(x -> x instanceof org.xbill.DNS.RRSIGRecord sig && sig.getTypeCovered() == type)
                        .forEach(x -> r.addRecord(x, Section.ANSWER));
                return;
            }
            Record cname = owned.stream().filter(x -> x.getType() == Type.CNAME).findFirst().orElse(null);
            if (cname != null) {
                r.addRecord(cname, Section.ANSWER);
                if (!chaseCnames) {
                    return;
                }
                current = ((org.xbill.DNS.CNAMERecord) cname).getTarget();
                continue;
            }
            if (owned.isEmpty()) {
                r.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            return;
        }
    }

    private void udpLoop() {
        byte[] buf = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                byte[] in = java.util.Arrays.copyOf(p.getData(), p.getLength());
                byte[] out = answer(in, false);
                if (out != null) {
                    udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                // closed, or one bad packet: keep serving until closed
            }
        }
    }

    private void tcpLoop() {
        while (!tcp.isClosed()) {
            try {
                Socket s = tcp.accept();
                connections.add(s);
                Thread t = new Thread(() -> serve(s), "fake-dns-tcp-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s; DataInputStream in = new DataInputStream(s.getInputStream());
             DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            while (true) {
                int len = in.readUnsignedShort();
                byte[] msg = new byte[len];
                in.readFully(msg);
                byte[] reply = answer(msg, true);
                if (reply != null) {
                    out.writeShort(reply.length);
                    out.write(reply);
                    out.flush();
                }
            }
        } catch (EOFException e) {
            // client done
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
