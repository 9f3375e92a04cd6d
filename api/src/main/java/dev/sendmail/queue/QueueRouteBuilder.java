package dev.sendmail.queue;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TrustSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** Builds a {@link QueueRoute} ({@link QueueRoute#builder()}). Not thread-safe. */
public final class QueueRouteBuilder {
    private Optional<String> transport = Optional.empty();
    private Optional<MailHost> smartHost = Optional.empty();
    private Optional<TlsMode> tlsMode = Optional.empty();
    private Optional<Path> caFile = Optional.empty();
    private List<String> pins = List.of();
    private boolean tlsInsecure;
    private Optional<Path> clientCertificate = Optional.empty();
    private Optional<Path> clientKey = Optional.empty();
    private Optional<String> heloName = Optional.empty();
    private Optional<String> account = Optional.empty();
    private final Map<String, MailHost> domainRoutes = new LinkedHashMap<>();
    private Optional<String> resolver = Optional.empty();
    private List<String> dnsServers = List.of();
    private OptionalInt mxPort = OptionalInt.empty();
    private Optional<String> authUser = Optional.empty();
    private List<String> authMechanisms = List.of();
    private Optional<String> passwordSource = Optional.empty();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<MailHost> fallbackHosts = new ArrayList<>();
    private boolean discoverSubmission;
    private Optional<String> tlsHostOverride = Optional.empty();
    private Optional<Path> crlFile = Optional.empty();
    private List<String> tlsProtocols = List.of();

    QueueRouteBuilder() {
    }

    /**
     * @param v the name the server certificate is checked against instead of the host's
     * @return this builder
     */
    public QueueRouteBuilder tlsHostOverride(String v) {
        tlsHostOverride = Optional.of(v);
        return this;
    }

    /**
     * @param v the file of certificate revocation lists
     * @return this builder
     */
    public QueueRouteBuilder crlFile(Path v) {
        crlFile = Optional.of(v);
        return this;
    }

    /**
     * @param v the TLS versions, some of {@link TrustSettings#PROTOCOLS}; empty for both
     * @return this builder
     */
    public QueueRouteBuilder tlsProtocols(List<String> v) {
        tlsProtocols = List.copyOf(v);
        return this;
    }

    /**
     * @param v the transport name
     * @return this builder
     */
    public QueueRouteBuilder transport(String v) {
        transport = Optional.of(v);
        return this;
    }

    /**
     * @param v the smart host
     * @return this builder
     */
    public QueueRouteBuilder smartHost(MailHost v) {
        smartHost = Optional.of(v);
        return this;
    }

    /**
     * Adds a smart host tried after the smart host and the fallback hosts added before it.
     *
     * @param v the host
     * @return this builder
     */
    public QueueRouteBuilder fallbackHost(MailHost v) {
        fallbackHosts.add(Objects.requireNonNull(v));
        return this;
    }

    /**
     * @param v the TLS mode
     * @return this builder
     */
    public QueueRouteBuilder tlsMode(TlsMode v) {
        tlsMode = Optional.of(v);
        return this;
    }

    /**
     * @param v the CA file
     * @return this builder
     */
    public QueueRouteBuilder caFile(Path v) {
        caFile = Optional.of(v);
        return this;
    }

    /**
     * @param v the certificate pins
     * @return this builder
     */
    public QueueRouteBuilder pins(List<String> v) {
        pins = List.copyOf(v);
        return this;
    }

    /**
     * @param v whether certificate checks are off
     * @return this builder
     */
    public QueueRouteBuilder tlsInsecure(boolean v) {
        tlsInsecure = v;
        return this;
    }

    /**
     * @param v the client certificate file
     * @return this builder
     */
    public QueueRouteBuilder clientCertificate(Path v) {
        clientCertificate = Optional.of(v);
        return this;
    }

    /**
     * @param v the client key file
     * @return this builder
     */
    public QueueRouteBuilder clientKey(Path v) {
        clientKey = Optional.of(v);
        return this;
    }

    /**
     * @param v the EHLO name
     * @return this builder
     */
    public QueueRouteBuilder heloName(String v) {
        heloName = Optional.of(v);
        return this;
    }

    /**
     * @param v the configuration account
     * @return this builder
     */
    public QueueRouteBuilder account(String v) {
        account = Optional.of(v);
        return this;
    }

    /**
     * @param domain a domain
     * @param host its host
     * @return this builder
     */
    public QueueRouteBuilder domainRoute(String domain, MailHost host) {
        domainRoutes.put(Objects.requireNonNull(domain), Objects.requireNonNull(host));
        return this;
    }

    /**
     * @param v the resolver name
     * @return this builder
     */
    public QueueRouteBuilder resolver(String v) {
        resolver = Optional.of(v);
        return this;
    }

    /**
     * @param v the DNS servers
     * @return this builder
     */
    public QueueRouteBuilder dnsServers(List<String> v) {
        dnsServers = List.copyOf(v);
        return this;
    }

    /**
     * @param v the MX port
     * @return this builder
     */
    public QueueRouteBuilder mxPort(int v) {
        mxPort = OptionalInt.of(v);
        return this;
    }

    /**
     * @param v the user name
     * @return this builder
     */
    public QueueRouteBuilder authUser(String v) {
        authUser = Optional.of(v);
        return this;
    }

    /**
     * @param v the SASL mechanisms
     * @return this builder
     */
    public QueueRouteBuilder authMechanisms(List<String> v) {
        authMechanisms = List.copyOf(v);
        return this;
    }

    /**
     * @param v where the password comes from, never the password
     * @return this builder
     */
    public QueueRouteBuilder passwordSource(String v) {
        passwordSource = Optional.of(v);
        return this;
    }

    /**
     * Adds a provider property.
     *
     * @param key a provider property
     * @param value its value
     * @return this builder
     */
    public QueueRouteBuilder property(String key, String value) {
        properties.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return this;
    }

    /**
     * @param v whether the smart host is found through SRV records (RFC 6186)
     * @return this builder
     */
    public QueueRouteBuilder discoverSubmission(boolean v) {
        discoverSubmission = v;
        return this;
    }

    /**
     * Records the certificate checks: CA file, pins, the insecure choice, the client certificate and key
     * (as absolute paths; a key's password is not recorded), the host override, the revocation lists (as an
     * absolute path) and the TLS versions when not both.
     *
     * @param v the trust settings
     * @return this builder
     */
    public QueueRouteBuilder trust(TrustSettings v) {
        v.caFile().ifPresent(f -> caFile(f.toAbsolutePath()));
        pins(v.pins()).tlsInsecure(v.insecure());
        v.clientCertificate().ifPresent(cc -> {
            clientCertificate(cc.certificateFile().toAbsolutePath());
            cc.keyFile().ifPresent(k -> clientKey(k.toAbsolutePath()));
        });
        v.hostOverride().ifPresent(this::tlsHostOverride);
        v.crlFile().ifPresent(f -> crlFile(f.toAbsolutePath()));
        tlsProtocols(v.protocols().equals(TrustSettings.PROTOCOLS) ? List.of() : v.protocols());
        return this;
    }

    /** @return the route */
    public QueueRoute build() {
        return new QueueRoute(transport, smartHost, tlsMode, caFile, pins, tlsInsecure, clientCertificate,
                clientKey, heloName, account, domainRoutes, resolver, dnsServers, mxPort, authUser,
                authMechanisms, passwordSource, properties, fallbackHosts, discoverSubmission, tlsHostOverride,
                crlFile, tlsProtocols);
    }
}
