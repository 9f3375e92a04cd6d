package dev.sendmail.config;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-domain routes given as text, {@code DOMAIN=HOST[:PORT]} each, as a command line gives them ({@code --route}):
 * mail for the domain goes through the host instead of the domain's MX hosts. The result is what
 * {@link ServerSettingsBuilder#routes(Map)} takes.
 */
public final class DomainRoutes {

    private DomainRoutes() {
    }

    /**
     * @param given {@code DOMAIN=HOST[:PORT]} values; a later one for the same domain replaces an earlier one
     * @return the host for each domain (the domain as {@link Mailbox#domain()} gives it), in the order given
     * @throws IllegalArgumentException for a value without a domain or a host, a domain that is no mail domain, or
     *         a host that is no {@code HOST[:PORT]}
     */
    public static Map<String, MailHost> parse(List<String> given) {
        Map<String, MailHost> routes = new LinkedHashMap<>();
        for (String r : given) {
            int eq = r.indexOf('=');
            if (eq <= 0 || eq == r.length() - 1) {
                throw new IllegalArgumentException("a route must be DOMAIN=HOST[:PORT]: " + ControlCharacters.escape(r));
            }
            String domain = Mailbox.parse("x@" + r.substring(0, eq).strip()).domain();
            routes.put(domain, MailHost.parse(r.substring(eq + 1)));
        }
        return routes;
    }
}
