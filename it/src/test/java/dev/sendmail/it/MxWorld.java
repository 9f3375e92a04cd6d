package dev.sendmail.it;

import java.util.concurrent.CompletableFuture;
import org.testcontainers.containers.Network;

/**
 * A small Internet on a user-defined Docker network: a dnsmasq server and three Postfix MX hosts, each
 * listening on port 25 of its own address. The test JVM reaches them at those addresses over the
 * bridge, and asks the DNS server with {@code --dns}. Started once per JVM.
 *
 * <pre>
 * pref.test      MX 10 mxa, MX 20 mxb         -> mxa
 * equal.test     MX 10 mxa, MX 10 mxb         -> either
 * bestdown.test  MX 5 mxdown, MX 10 mxb       -> mxb (mxdown is the DNS host: port 25 closed)
 * aonly.test     A mxa, no MX                 -> mxa (implicit MX)
 * nullmx.test    MX 0 .                       -> accepts no mail (RFC 7505)
 * nosuch.test    NXDOMAIN
 * tempfail.test  MX 10 mx451                  -> 451 4.3.0 to every RCPT
 * stall.test     MX 10 mxstall, MX 20 mxb     -> mxb after a timeout (mxstall accepts and never speaks)
 * </pre>
 * The MX certificates are signed by the smart-host Postfix's per-run CA ({@link #caFile()}).
 */
final class MxWorld {

    private static MxWorld instance;

    final MailServer mxa;
    final MailServer mxb;
    final MailServer mx451;
    final String dnsAddress;
    private final MailServer caSource;

    private MxWorld(MailServer mxa, MailServer mxb, MailServer mx451, String dnsAddress, MailServer caSource) {
        this.mxa = mxa;
        this.mxb = mxb;
        this.mx451 = mx451;
        this.dnsAddress = dnsAddress;
        this.caSource = caSource;
    }

    static synchronized MxWorld get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static MxWorld start() {
        DockerRequired.image("sendmail-it/dnsmasq:1");
        MailServer ca = Servers.postfix();
        byte[] caPem = ca.file("/etc/it-tls/ca.pem");
        byte[] caKey = ca.file("/etc/it-tls/ca.key");
        Network network = Network.newNetwork();
        Containers.stopAtExit(network);
        // the three MX hosts start side by side (each takes seconds: key generation, Postfix start)
        var a = CompletableFuture.supplyAsync(() -> MailServer.postfixOn(network, "mxa.test", "postfix", caPem, caKey));
        var b = CompletableFuture.supplyAsync(() -> MailServer.postfixOn(network, "mxb.test", "postfix", caPem, caKey));
        var d = CompletableFuture.supplyAsync(() -> MailServer.postfixOn(network, "mx451.test", "defer451", caPem, caKey));
        var e = CompletableFuture.supplyAsync(() -> MailServer.postfixOn(network, "mxstall.test", "stall", null, null));
        MailServer mxa = a.join();
        MailServer mxb = b.join();
        MailServer mx451 = d.join();
        MailServer mxstall = e.join();
        String zone = String.join("\n",
                "mx-host=pref.test,mxa.test,10",
                "mx-host=pref.test,mxb.test,20",
                "mx-host=equal.test,mxa.test,10",
                "mx-host=equal.test,mxb.test,10",
                "mx-host=bestdown.test,mxdown.test,5",
                "mx-host=bestdown.test,mxb.test,10",
                "host-record=aonly.test," + mxa.networkAddress(),
                "dns-rr=nullmx.test,15,000000",
                "host-record=nullmx.test," + mxa.networkAddress(),
                "mx-host=tempfail.test,mx451.test,10",
                "mx-host=stall.test,mxstall.test,10",
                "mx-host=stall.test,mxb.test,20",
                "host-record=mxstall.test," + mxstall.networkAddress(),
                "host-record=mxa.test," + mxa.networkAddress(),
                "host-record=mxb.test," + mxb.networkAddress(),
                "host-record=mx451.test," + mx451.networkAddress(),
                // the DNS container's own address: up, but nothing listens on port 25
                "interface-name=mxdown.test,eth0",
                "");
        String dnsAddress = DnsServer.start(network, zone);
        return new MxWorld(mxa, mxb, mx451, dnsAddress, ca);
    }

    /** The per-run CA that signed every MX certificate. */
    java.nio.file.Path caFile() {
        return caSource.caFile();
    }
}
