package dev.sendmail.api;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A host to connect to.
 *
 * @param name the host name, used for TLS host-name verification and in reports (or an address literal)
 * @param port the TCP port; empty means the transport's default for its TLS mode (25, 465 or 587)
 * @param addresses the addresses to try in order; empty means the transport resolves {@code name} itself
 * @param preference the MX preference, or -1 when the host is not from an MX record
 * @param tlsMode how to protect the connection to this host; empty means the transport's mode. Set for hosts
 *        found through SRV records ({@code _submissions} is implicit TLS, {@code _submission} STARTTLS)
 * @param tlsRequirement what this host's TLS must prove (DANE, MTA-STS); {@link TlsRequirement#OPPORTUNISTIC} when
 *        nothing beyond the TLS mode. Every transport enforces it
 */
public record MailHost(String name, OptionalInt port, List<InetAddress> addresses, int preference,
                       Optional<TlsMode> tlsMode, TlsRequirement tlsRequirement) {

    /**
     * Checks the components; collections are copied.
     *
     * @param name the host name, used for TLS host-name verification and in reports (or an address literal)
     * @param port the TCP port; empty means the transport's default for its TLS mode (25, 465 or 587)
     * @param addresses the addresses to try in order; empty means the transport resolves {@code name} itself
     * @param preference the MX preference, or -1 when the host is not from an MX record
     * @param tlsMode how to protect the connection to this host; empty means the transport's mode. Set for hosts
     *        found through SRV records ({@code _submissions} is implicit TLS, {@code _submission} STARTTLS)
     * @param tlsRequirement what this host's TLS must prove; {@link TlsRequirement#OPPORTUNISTIC} (or null) for
     *        nothing beyond the TLS mode
     */
    public MailHost {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("host name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("host name contains a space or control character");
            }
        }
        if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
            throw new IllegalArgumentException("port out of range: " + port.getAsInt());
        }
        addresses = List.copyOf(addresses);
        tlsMode = tlsMode == null ? Optional.empty() : tlsMode;
        tlsRequirement = tlsRequirement == null ? TlsRequirement.OPPORTUNISTIC : tlsRequirement;
    }

    /**
     * A host with its own TLS mode and no TLS requirement.
     *
     * @param name the host name or address
     * @param port the port; empty for the transport's default
     * @param addresses known addresses, in order; empty to look up the name
     * @param preference the MX preference, or -1
     * @param tlsMode the host's own TLS mode; empty for the transport's
     */
    public MailHost(String name, OptionalInt port, List<InetAddress> addresses, int preference,
                    Optional<TlsMode> tlsMode) {
        this(name, port, addresses, preference, tlsMode, TlsRequirement.OPPORTUNISTIC);
    }

    /**
     * A host that uses the transport's TLS mode.
     *
     * @param name the host name or address
     * @param port the port; empty for the transport's default
     * @param addresses known addresses, in order; empty to look up the name
     * @param preference the MX preference, or -1
     */
    public MailHost(String name, OptionalInt port, List<InetAddress> addresses, int preference) {
        this(name, port, addresses, preference, Optional.empty(), TlsRequirement.OPPORTUNISTIC);
    }

    /**
     * A host on the default port.
     *
     * @param name the host name or address
     * @return the host
     */
    public static MailHost of(String name) {
        return new MailHost(name, OptionalInt.empty(), List.of(), -1);
    }

    /**
     * A host on a port.
     *
     * @param name the host name or address
     * @param port the port
     * @return the host
     */
    public static MailHost of(String name, int port) {
        return new MailHost(name, OptionalInt.of(port), List.of(), -1);
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code [v6addr]} or {@code [v6addr]:port}. The host must hold only
     * what a host name or address literal can: letters, digits, {@code - . _}, and {@code : %} of IPv6 addresses;
     * so a list given as one value ({@code a.example,b.example}) is refused, not taken as one host.
     *
     * @throws IllegalArgumentException with a one-line reason
     * @param text {@code host}, {@code host:port} or {@code [v6]:port}
     * @return the host
     */
    public static MailHost parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        String host = s;
        OptionalInt port = OptionalInt.empty();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unterminated '[' in host: " + s);
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("unexpected text after ']' in host: " + s);
                }
                port = OptionalInt.of(parsePort(rest.substring(1)));
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') == colon) {
                host = s.substring(0, colon);
                port = OptionalInt.of(parsePort(s.substring(colon + 1)));
            }
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!Character.isLetterOrDigit(c) && "-._:%".indexOf(c) < 0) {
                throw new IllegalArgumentException("'" + ControlCharacters.escape(host) + "' is not a host name: '"
                        + ControlCharacters.escape(String.valueOf(c)) + "' cannot be part of one"
                        + (c == ',' ? " (give each host on its own)" : ""));
            }
        }
        return new MailHost(host, port, List.of(), -1);
    }

    /**
     * Parses a TCP port number with a one-line error.
     *
     * @param text a decimal port
     * @return the port, 1 to 65535
     */
    public static int parsePort(String text) {
        try {
            int p = Integer.parseInt(text.strip());
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port out of range (1-65535): " + text);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number: " + text);
        }
    }

    /**
     * The same host on another port.
     *
     * @param value the port
     * @return the new host
     */
    public MailHost withPort(int value) {
        return new MailHost(name, OptionalInt.of(value), addresses, preference, tlsMode, tlsRequirement);
    }

    /**
     * The same host with known addresses.
     *
     * @param value the addresses, in order
     * @return the new host
     */
    public MailHost withAddresses(List<InetAddress> value) {
        return new MailHost(name, port, value, preference, tlsMode, tlsRequirement);
    }

    /**
     * This host with its own TLS mode ({@code Optional.empty()}: the transport's).
     *
     * @param value the host's own TLS mode, or empty for the transport's
     * @return the new host
     */
    public MailHost withTlsMode(Optional<TlsMode> value) {
        return new MailHost(name, port, addresses, preference, value, tlsRequirement);
    }

    /**
     * This host with a TLS requirement (DANE, MTA-STS) that every transport enforces.
     *
     * @param value the requirement; {@link TlsRequirement#OPPORTUNISTIC} for none
     * @return the new host
     */
    public MailHost withTlsRequirement(TlsRequirement value) {
        return new MailHost(name, port, addresses, preference, tlsMode, value);
    }

    /**
     * The TLS mode for this host: its own, or {@code transportDefault}; opportunistic TLS becomes
     * {@link TlsMode#STARTTLS} when the host has a {@link TlsRequirement} (no plain-text fallback).
     *
     * @param transportDefault the transport's mode
     * @return the mode for this host
     */
    public TlsMode tlsMode(TlsMode transportDefault) {
        TlsMode m = tlsMode.orElse(transportDefault);
        return m == TlsMode.OPPORTUNISTIC && tlsRequirement.requiresTls() ? TlsMode.STARTTLS : m;
    }

    @Override
    public String toString() {
        return port.isPresent() ? name + ":" + port.getAsInt() : name;
    }
}
