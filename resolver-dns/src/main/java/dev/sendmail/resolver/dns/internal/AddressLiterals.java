package dev.sendmail.resolver.dns.internal;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.ResolutionFailedException.Reason;
import dev.sendmail.spi.MailRoute;
import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;

/** Routes for address literals ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]}): the address itself, no DNS. */
public final class AddressLiterals {

    private AddressLiterals() {
    }

    public static boolean isLiteral(String domain) {
        return domain.strip().startsWith("[");
    }

    /**
     * @throws ResolutionFailedException PERMANENT when the literal is not a valid IPv4 or IPv6 address literal
     */
    public static MailRoute route(String literal) throws ResolutionFailedException {
        String s = literal.strip();
        Mailbox parsed;
        try {
            // the api's mailbox parser validates literals strictly and never uses DNS
            parsed = Mailbox.parse("postmaster@" + s);
        } catch (IllegalArgumentException e) {
            throw new ResolutionFailedException(s, Reason.PERMANENT, "invalid address literal", null);
        }
        InetAddress a = parsed.literalAddress().orElseThrow(
                () -> new ResolutionFailedException(s, Reason.PERMANENT, "invalid address literal", null));
        return new MailRoute(parsed.domain(), MailRoute.Kind.ADDRESS_LITERAL,
                List.of(new MailHost(a.getHostAddress(), OptionalInt.empty(), List.of(a), -1)));
    }
}
