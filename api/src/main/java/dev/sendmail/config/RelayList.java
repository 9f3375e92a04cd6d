package dev.sendmail.config;

import dev.sendmail.api.MailHost;
import java.util.ArrayList;
import java.util.List;

/**
 * The relays given as text, as a command line gives them ({@code --server}): smart hosts {@code HOST[:PORT]} tried
 * in order, or the single word {@code auto} for the hosts in the SRV records of the sender's domain (RFC 6186;
 * msmtp's {@code host auto}). Immutable.
 *
 * @param hosts the smart hosts in the order they are tried; empty with {@code discover} or when none was given
 * @param discover the smart hosts come from SRV records
 */
public record RelayList(List<MailHost> hosts, boolean discover) {

    /**
     * Copies {@code hosts}.
     *
     * @param hosts the smart hosts in the order they are tried
     * @param discover the smart hosts come from SRV records
     * @throws IllegalArgumentException for hosts together with {@code discover}
     */
    public RelayList {
        hosts = List.copyOf(hosts);
        if (discover && !hosts.isEmpty()) {
            throw new IllegalArgumentException("auto cannot be given with other hosts");
        }
    }

    /**
     * @param given {@code HOST[:PORT]} values, or {@code auto} alone (any case, surrounding blanks ignored)
     * @return the relays; no hosts and no discovery when {@code given} is empty
     * @throws IllegalArgumentException for a value that is no {@code HOST[:PORT]}, or {@code auto} with hosts
     */
    public static RelayList parse(List<String> given) {
        if (given.stream().anyMatch(v -> v.strip().equalsIgnoreCase("auto"))) {
            if (given.size() > 1) {
                throw new IllegalArgumentException("auto cannot be given with other hosts");
            }
            return new RelayList(List.of(), true);
        }
        List<MailHost> hosts = new ArrayList<>();
        for (String v : given) {
            hosts.add(MailHost.parse(v));
        }
        return new RelayList(hosts, false);
    }

    /**
     * Puts these relays on {@code b} ({@link ServerSettingsBuilder#discoverSubmission()} or
     * {@link ServerSettingsBuilder#smartHosts(List)}), replacing its smart hosts; does nothing when none was given.
     *
     * @param b the builder
     */
    public void applyTo(ServerSettingsBuilder b) {
        if (discover) {
            b.discoverSubmission();
        } else if (!hosts.isEmpty()) {
            b.smartHosts(hosts);
        }
    }
}
