package dev.sendmail.spi;

import java.net.InetAddress;
import java.util.List;

/**
 * One SRV record (RFC 2782) with the addresses of its target.
 *
 * @param priority lower is tried first
 * @param weight relative share among records of the same priority
 * @param port the TCP port of the service
 * @param target the host name without the trailing dot; {@code "."} means the service is not offered
 * @param addresses the target's addresses, in the order to try them; empty for {@code "."} or when it has none
 */
public record SrvRecord(int priority, int weight, int port, String target, List<InetAddress> addresses) {

    /**
     * Checks the components; lists and maps are copied.
     *
     * @param priority lower is tried first
     * @param weight relative share among records of the same priority
     * @param port the TCP port of the service
     * @param target the host name without the trailing dot; {@code "."} means the service is not offered
     * @param addresses the target's addresses, in the order to try them; empty for {@code "."} or when it has none
     */
    public SrvRecord {
        if (priority < 0 || priority > 65535 || weight < 0 || weight > 65535 || port < 0 || port > 65535) {
            throw new IllegalArgumentException("SRV priority, weight and port are 16-bit numbers");
        }
        if (target == null || target.isEmpty()) {
            throw new IllegalArgumentException("SRV target is empty");
        }
        addresses = List.copyOf(addresses);
    }

    /**
     * True for the target {@code .}: "the service is decidedly not available at this domain".
     *
     * @return whether the target is {@code .}
     */
    public boolean isNoService() {
        return target.equals(".");
    }

    /** {@code 10 5 587 mail.example.org}, as in a zone file. */
    @Override
    public String toString() {
        return priority + " " + weight + " " + port + " " + target;
    }
}
