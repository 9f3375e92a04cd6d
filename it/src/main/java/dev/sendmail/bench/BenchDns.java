package dev.sendmail.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNS server over UDP for the direct-delivery benchmark: domain {@code dI.bench.test} (I from 0 to
 * {@code --domains} - 1) has one MX, {@code mx.dI.bench.test}, whose A record is {@code 127.0.0.(I + 2)}; AAAA and
 * every other type of those names is NODATA; any other name is NXDOMAIN.
 *
 * <pre>BenchDns --domains 100 --port-file FILE</pre>
 */
public final class BenchDns {

    private BenchDns() {
    }

    public static void main(String[] args) throws IOException {
        int domains = 100;
        Path portFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--domains" -> domains = Integer.parseInt(args[++i]);
                case "--port-file" -> portFile = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: BenchDns [--domains N] [--port-file FILE]");
                    System.exit(64);
                }
            }
        }
        if (domains < 1 || domains > 250) {
            throw new IllegalArgumentException("--domains must be 1 to 250 (127.0.0.2 to 127.0.0.251)");
        }
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            if (portFile != null) {
                Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
                Files.writeString(tmp, socket.getLocalPort() + "\n");
                Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            System.err.println("BenchDns on 127.0.0.1:" + socket.getLocalPort() + " for " + domains + " domains");
            byte[] buf = new byte[4096];
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] answer;
                try {
                    answer = answer(new Message(java.util.Arrays.copyOf(p.getData(), p.getLength())), domains);
                } catch (IOException e) {
                    continue; // not a DNS query
                }
                socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
            }
        }
    }

    static byte[] answer(Message query, int domains) throws IOException {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            reply.getHeader().setFlag(Flags.RD);
        }
        reply.getHeader().setFlag(Flags.RA);
        Record q = query.getQuestion();
        if (q == null) {
            reply.getHeader().setRcode(Rcode.FORMERR);
            return reply.toWire();
        }
        reply.addRecord(q, Section.QUESTION);
        Name name = q.getName();
        String text = name.toString(true).toLowerCase(java.util.Locale.ROOT);
        boolean mx = text.startsWith("mx.");
        String domain = mx ? text.substring(3) : text;
        int index = -1;
        if (domain.endsWith(".bench.test") && domain.startsWith("d")) {
            try {
                index = Integer.parseInt(domain.substring(1, domain.length() - ".bench.test".length()));
            } catch (NumberFormatException e) {
                index = -1;
            }
        }
        if (index < 0 || index >= domains) {
            reply.getHeader().setRcode(Rcode.NXDOMAIN);
            return reply.toWire();
        }
        if (!mx && q.getType() == Type.MX) {
            reply.addRecord(new MXRecord(name, DClass.IN, 60, 10, Name.fromString("mx." + domain + ".")),
                    Section.ANSWER);
        } else if (mx && q.getType() == Type.A) {
            reply.addRecord(new ARecord(name, DClass.IN, 60, InetAddress.getByAddress(new byte[] {127, 0, 0,
                (byte) (index + 2)})), Section.ANSWER);
        }
        return reply.toWire();
    }
}
