package dev.sendmail.queue;

import dev.sendmail.api.Dsn;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.TlsMode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Writes and reads a queue entry as plain text a person can read:
 *
 * <pre>
 * # send-mail queue entry
 * version: 2
 * id: 20261128T181000Z-4242-1
 * created: 2026-11-28T18:10:00Z
 * attempts: 1
 * next-attempt: 2026-11-28T18:15:00Z
 * sender: alice@example.org
 * dsn-notify: FAILURE,DELAY
 * recipient: pending bob@example.net RCPT 451 4.3.0 try later (mx1.example.net)
 * recipient: delivered carol@example.com DATA 250 2.0.0 Ok (mx.example.com)
 * route-host: smtp.example.org 587
 * route-tls: starttls
 * route-user: alice
 * route-password: file:/home/alice/.smtp-password
 * </pre>
 *
 * Version 2 records the route ({@code route-*} lines, see {@link QueueRoute}); a version 1 entry has none.
 *
 * Addresses are xtext-encoded (RFC 3461) so a quoted local part with spaces stays one token. Parsing is
 * bounded (64 KiB, 10,000 recipients) and every malformed line is an {@link IllegalArgumentException} naming
 * the line.
 */
final class QueueEntryCodec {

    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_RECIPIENTS = 10_000;

    private QueueEntryCodec() {
    }

    static byte[] format(QueueEntry e) {
        StringBuilder sb = new StringBuilder();
        sb.append("# send-mail queue entry\n");
        sb.append("version: ").append(e.route().isPresent() ? 2 : 1).append('\n');
        sb.append("id: ").append(e.id()).append('\n');
        sb.append("created: ").append(e.created()).append('\n');
        sb.append("attempts: ").append(e.attempts()).append('\n');
        sb.append("next-attempt: ").append(e.nextAttempt()).append('\n');
        sb.append("sender: ").append(e.sender().map(m -> Dsn.xtext(m.address())).orElse("<>")).append('\n');
        if (!e.dsn().notifyOn().isEmpty()) {
            sb.append("dsn-notify: ").append(String.join(",", e.dsn().notifyOn().stream().map(Enum::name).sorted()
                    .toList())).append('\n');
        }
        e.dsn().ret().ifPresent(r -> sb.append("dsn-ret: ").append(r.name()).append('\n'));
        e.dsn().envelopeId().ifPresent(id -> sb.append("dsn-envid: ").append(Dsn.xtext(id)).append('\n'));
        if (e.dsn().originalRecipient()) {
            sb.append("dsn-orcpt: yes\n");
        }
        if (e.requireTls()) {
            sb.append("require-tls: yes\n");
        }
        for (QueueEntry.Recipient r : e.recipients()) {
            sb.append("recipient: ").append(r.state().name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(Dsn.xtext(r.mailbox().address()));
            if (!r.detail().isEmpty()) {
                sb.append(' ').append(r.detail());
            }
            sb.append('\n');
        }
        e.route().ifPresent(r -> formatRoute(sb, r));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static QueueEntry parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("entry is larger than " + MAX_BYTES + " bytes");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String id = null;
        Instant created = null;
        Instant next = null;
        Integer attempts = null;
        Optional<Mailbox> sender = null;
        Set<Dsn.Notify> notify = EnumSet.noneOf(Dsn.Notify.class);
        Optional<Dsn.Ret> ret = Optional.empty();
        Optional<String> envid = Optional.empty();
        boolean orcpt = false;
        boolean requireTls = false;
        boolean versionSeen = false;
        boolean hasRoute = false;
        QueueRouteBuilder route = QueueRoute.builder();
        List<String> pins = new ArrayList<>();
        List<String> dns = new ArrayList<>();
        List<String> mechanisms = new ArrayList<>();
        List<QueueEntry.Recipient> recipients = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon < 0) {
                throw bad(n, "expected 'key: value'");
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2);
            try {
                switch (key) {
                    case "version" -> {
                        if (!value.equals("1") && !value.equals("2")) {
                            throw bad(n, "unsupported version " + value);
                        }
                        versionSeen = true;
                        hasRoute = value.equals("2");
                    }
                    case "id" -> id = value;
                    case "created" -> created = Instant.parse(value);
                    case "attempts" -> attempts = Integer.parseInt(value);
                    case "next-attempt" -> next = Instant.parse(value);
                    case "sender" -> sender = value.equals("<>") ? Optional.empty()
                            : Optional.of(Mailbox.parse(unxtext(value)));
                    case "dsn-notify" -> notify = EnumSet.copyOf(Dsn.parseNotify(value));
                    case "dsn-ret" -> ret = Optional.of(Dsn.parseRet(value));
                    case "dsn-envid" -> envid = Optional.of(unxtext(value));
                    case "dsn-orcpt" -> orcpt = value.equals("yes");
                    case "require-tls" -> requireTls = value.equals("yes");
                    case "recipient" -> {
                        if (recipients.size() >= MAX_RECIPIENTS) {
                            throw bad(n, "too many recipients");
                        }
                        recipients.add(parseRecipient(value));
                    }
                    default -> {
                        if (!hasRoute || !parseRoute(route, key, value, pins, dns, mechanisms)) {
                            throw bad(n, "unknown key '" + key + "'");
                        }
                    }
                }
            } catch (DateTimeParseException | IllegalArgumentException ex) {
                if (ex.getMessage() != null && ex.getMessage().startsWith("line ")) {
                    throw ex;
                }
                throw bad(n, ex.getMessage());
            }
        }
        if (!versionSeen || id == null || created == null || attempts == null || next == null || sender == null
                || recipients.isEmpty()) {
            throw new IllegalArgumentException("entry is incomplete (needs version, id, created, attempts, "
                    + "next-attempt, sender and recipients)");
        }
        Dsn dsn = new Dsn(notify, ret, envid, orcpt);
        Optional<QueueRoute> r = hasRoute
                ? Optional.of(route.pins(pins).dnsServers(dns).authMechanisms(mechanisms).build()) : Optional.empty();
        return new QueueEntry(id, created, attempts, next, sender, recipients, dsn, requireTls, r);
    }

    private static QueueEntry.Recipient parseRecipient(String value) {
        String[] parts = value.split(" ", 3);
        if (parts.length < 2) {
            throw new IllegalArgumentException("recipient needs a state and an address");
        }
        QueueEntry.State state = switch (parts[0]) {
            case "pending" -> QueueEntry.State.PENDING;
            case "delivered" -> QueueEntry.State.DELIVERED;
            case "failed" -> QueueEntry.State.FAILED;
            default -> throw new IllegalArgumentException("unknown recipient state '" + parts[0] + "'");
        };
        return new QueueEntry.Recipient(Mailbox.parse(unxtext(parts[1])), state, parts.length > 2 ? parts[2] : "");
    }

    private static void formatRoute(StringBuilder sb, QueueRoute r) {
        r.transport().ifPresent(v -> line(sb, "route-transport", Dsn.xtext(v)));
        r.smartHost().ifPresent(h -> line(sb, "route-host", host(h)));
        r.fallbackHosts().forEach(h -> line(sb, "route-fallback-host", host(h)));
        r.tlsMode().ifPresent(v -> line(sb, "route-tls", v.cliName()));
        r.caFile().ifPresent(v -> line(sb, "route-cafile", Dsn.xtext(v.toString())));
        r.pins().forEach(v -> line(sb, "route-pin", Dsn.xtext(v)));
        if (r.tlsInsecure()) {
            line(sb, "route-tls-insecure", "yes");
        }
        r.clientCertificate().ifPresent(v -> line(sb, "route-cert", Dsn.xtext(v.toString())));
        r.clientKey().ifPresent(v -> line(sb, "route-key", Dsn.xtext(v.toString())));
        r.heloName().ifPresent(v -> line(sb, "route-helo", Dsn.xtext(v)));
        r.account().ifPresent(v -> line(sb, "route-account", Dsn.xtext(v)));
        r.domainRoutes().forEach((d, h) -> line(sb, "route-domain", Dsn.xtext(d) + " " + host(h)));
        r.resolver().ifPresent(v -> line(sb, "route-resolver", Dsn.xtext(v)));
        r.dnsServers().forEach(v -> line(sb, "route-dns", Dsn.xtext(v)));
        r.mxPort().ifPresent(v -> line(sb, "route-mx-port", Integer.toString(v)));
        r.authUser().ifPresent(v -> line(sb, "route-user", Dsn.xtext(v)));
        r.authMechanisms().forEach(v -> line(sb, "route-auth", Dsn.xtext(v)));
        r.passwordSource().ifPresent(v -> line(sb, "route-password", Dsn.xtext(v)));
        r.properties().forEach((k, v) -> line(sb, "route-set", Dsn.xtext(k) + " " + Dsn.xtext(v)));
        if (r.discoverSubmission()) {
            line(sb, "route-discover-submission", "yes");
        }
        r.tlsHostOverride().ifPresent(v -> line(sb, "route-tls-host-override", Dsn.xtext(v)));
        r.crlFile().ifPresent(v -> line(sb, "route-crl-file", Dsn.xtext(v.toString())));
        if (!r.tlsProtocols().isEmpty()) {
            line(sb, "route-tls-protocols", String.join(" ", r.tlsProtocols()));
        }
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append(": ").append(value).append('\n');
    }

    private static String host(MailHost h) {
        return Dsn.xtext(h.name()) + (h.port().isPresent() ? " " + h.port().getAsInt() : "");
    }

    private static MailHost parseHost(String value) {
        String[] p = value.split(" ", -1);
        if (p.length > 2) {
            throw new IllegalArgumentException("a host is a name and an optional port");
        }
        String name = unxtext(p[0]);
        return p.length == 2 ? MailHost.of(name, MailHost.parsePort(p[1])) : MailHost.of(name);
    }

    /** Applies one route line; false when {@code key} is not a route key. */
    private static boolean parseRoute(QueueRouteBuilder b, String key, String value, List<String> pins,
                                      List<String> dns, List<String> mechanisms) {
        switch (key) {
            case "route-transport" -> b.transport(unxtext(value));
            case "route-host" -> b.smartHost(parseHost(value));
            case "route-fallback-host" -> b.fallbackHost(parseHost(value));
            case "route-tls" -> b.tlsMode(TlsMode.parse(value));
            case "route-cafile" -> b.caFile(Path.of(unxtext(value)));
            case "route-pin" -> pins.add(unxtext(value));
            case "route-tls-insecure" -> b.tlsInsecure(value.equals("yes"));
            case "route-discover-submission" -> b.discoverSubmission(value.equals("yes"));
            case "route-tls-host-override" -> b.tlsHostOverride(unxtext(value));
            case "route-crl-file" -> b.crlFile(Path.of(unxtext(value)));
            case "route-tls-protocols" -> b.tlsProtocols(List.of(value.split(" ")));
            case "route-cert" -> b.clientCertificate(Path.of(unxtext(value)));
            case "route-key" -> b.clientKey(Path.of(unxtext(value)));
            case "route-helo" -> b.heloName(unxtext(value));
            case "route-account" -> b.account(unxtext(value));
            case "route-domain" -> {
                int sp = value.indexOf(' ');
                if (sp <= 0) {
                    throw new IllegalArgumentException("route-domain needs a domain and a host");
                }
                b.domainRoute(unxtext(value.substring(0, sp)), parseHost(value.substring(sp + 1)));
            }
            case "route-resolver" -> b.resolver(unxtext(value));
            case "route-dns" -> dns.add(unxtext(value));
            case "route-mx-port" -> b.mxPort(MailHost.parsePort(value));
            case "route-user" -> b.authUser(unxtext(value));
            case "route-auth" -> mechanisms.add(unxtext(value));
            case "route-password" -> b.passwordSource(unxtext(value));
            case "route-set" -> {
                String[] kv = value.split(" ", -1);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("route-set needs a key and a value");
                }
                b.property(unxtext(kv[0]), unxtext(kv[1]));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Decodes RFC 3461 xtext. */
    static String unxtext(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("truncated xtext escape");
                }
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c < 0x21 || c > 0x7E || c == '=') {
                throw new IllegalArgumentException("invalid xtext character");
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException bad(int lineIndex, String why) {
        return new IllegalArgumentException("line " + (lineIndex + 1) + ": " + why);
    }
}
