package dev.sendmail.cli;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.ResolverProvider;
import dev.sendmail.spi.ResolverSettings;
import dev.sendmail.spi.SrvRecord;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolver {@code srvtest}, for CLI tests of {@code --server auto}: SRV answers come from provider properties
 * ({@code --set srv.NAME=PRIORITY WEIGHT PORT TARGET[,...]}), every target is 127.0.0.1, records keep the given
 * order, and a name without a property is NXDOMAIN. TXT answers likewise come from {@code --set txt.NAME=RECORD[|...]}.
 * Never chosen unless named.
 */
public final class SrvTestResolverProvider implements ResolverProvider {

    @Override
    public String name() {
        return "srvtest";
    }

    @Override
    public int priority() {
        return -1000;
    }

    @Override
    public Resolver create(ResolverSettings settings) {
        Map<String, String> props = settings.properties();
        return new Resolver() {
            @Override
            public MailRoute resolve(String domain) throws ResolutionFailedException {
                throw new ResolutionFailedException(domain, ResolutionFailedException.Reason.PERMANENT,
                        "srvtest answers SRV queries only", null);
            }

            @Override
            public dev.sendmail.spi.TxtAnswer txt(String name) {
                String v = props.get("txt." + name);
                return v == null ? dev.sendmail.spi.TxtAnswer.noSuchName(name)
                        : dev.sendmail.spi.TxtAnswer.found(name, List.of(v.split("\\|")));
            }

            @Override
            public List<SrvRecord> srv(String name) throws ResolutionFailedException {
                String v = props.get("srv." + name);
                if (v == null) {
                    throw new ResolutionFailedException(name, ResolutionFailedException.Reason.NO_SUCH_DOMAIN,
                            "no such name (NXDOMAIN)", null);
                }
                List<SrvRecord> out = new ArrayList<>();
                for (String r : v.split(",")) {
                    String[] f = r.strip().split(" ");
                    out.add(new SrvRecord(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                            f[3], f[3].equals(".") ? List.of() : List.of(InetAddress.getLoopbackAddress())));
                }
                return out;
            }
        };
    }
}
