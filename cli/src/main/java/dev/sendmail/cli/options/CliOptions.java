package dev.sendmail.cli.options;

import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The command-line options. Long names are kebab-case; short names are sendmail's where sendmail has one.
 * Names are part of the contract (scripts depend on them): add, never rename.
 */
public final class CliOptions {

    /** The options that ask for compose mode: send-mail writes the message and reads none from standard input. */
    public static final List<String> COMPOSE = List.of("subject", "body", "body-file", "html", "attach");

    /**
     * The options that pick what to do, in the order they win when several are given; without any of them, the
     * message is sent.
     */
    public static final List<String> MODES = List.of("list-providers", "queue-list", "queue-run", "queue-flush",
            "oauth2-login", "dkim-record", "check-sender", "tls-report", "etrn", "verify", "plan", "probe", "batch");

    private CliOptions() {
    }

    public static Options build() {
        Options o = new Options();
        // routing
        o.addOption(arg(null, "server", "HOST[:PORT]", "relay through this smart host (repeatable: tried in order; without it: "
                + "direct MX delivery); "
                + "auto: find the sender domain's submission server in DNS (SRV, RFC 6186)"));
        o.addOption(arg(null, "port", "N", "port of the smart host (default: 25, or 465 with --tls smtps)"));
        o.addOption(arg(null, "transport", "NAME", "transport provider (default: the highest priority, socket)"));
        o.addOption(arg(null, "resolver", "NAME", "resolver provider for direct delivery (default: dns)"));
        o.addOption(arg(null, "dns", "SERVER[:PORT]", "DNS server for MX lookups (repeatable; default: the system's)"));
        o.addOption(arg(null, "mx-port", "N", "connect to this port on every MX host (default 25)"));
        o.addOption(arg(null, "dnssec-anchor", "FILE", "DNSSEC trust anchors (DS or DNSKEY records) replacing the "
                + "IANA root anchors"));
        o.addOption(arg(null, "route", "DOMAIN=HOST[:PORT]", "deliver DOMAIN's mail through HOST (repeatable)"));
        o.addOption(arg(null, "rate", "N/s|N/min|N/h", "at most N messages per destination host per second, "
                + "minute or hour, shared with concurrent runs (state in the queue directory or ~/.cache/send-mail)"));
        o.addOption(arg(null, "helo", "NAME", "name sent in EHLO (default: this host's fully qualified name, as hostname -f "
                + "gives it; its address literal when it has none)"));
        o.addOption(arg(null, "set", "KEY=VALUE", "provider property (repeatable), e.g. --set dir=DIR for --transport file"));
        o.addOption(flag(null, "list-providers", "list transports and resolvers found, with priorities and problems"));
        // security
        o.addOption(arg(null, "tls", "MODE", "smtps, starttls, opportunistic or off, or on as in msmtp (starttls unless tls_starttls off) "
                + "(default: smtps on port 465, starttls for a smart host, opportunistic for MX delivery)"));
        o.addOption(arg(null, "cafile", "FILE", "trust the certificate authorities in FILE (PEM or PKCS#12)"));
        o.addOption(arg(null, "tls-fingerprint", "SHA256", "accept only the server certificate with this SHA-256 digest"));
        o.addOption(arg(null, "tls-cert", "FILE", "client certificate (PEM, with --tls-key; or PKCS#12)"));
        o.addOption(arg(null, "tls-key", "FILE", "client private key (PEM PKCS#8)"));
        o.addOption(flag(null, "tls-insecure", "DANGEROUS: do not verify the server certificate or host name"));
        o.addOption(flag(null, "require-tls", "send this message only over verified TLS, with REQUIRETLS where offered "
                + "(RFC 8689)"));
        o.addOption(arg(null, "tls-report", "DOMAIN", "print today's TLS report (RFC 8460 JSON) for DOMAIN; send nothing"));
        o.addOption(flag(null, "tls-report-send", "with --tls-report: mail it to the domain's _smtp._tls rua address"));
        // auth
        o.addOption(arg(null, "user", "NAME", "authenticate as NAME"));
        o.addOption(arg(null, "password-file", "FILE", "read the password from the first line of FILE"));
        o.addOption(arg(null, "password-env", "VAR", "read the password from environment variable VAR"));
        o.addOption(arg(null, "password-cmd", "CMD", "run CMD with /bin/sh; its first output line is the password"));
        o.addOption(arg(null, "auth", "MECH[,MECH]", "SASL mechanisms to allow (default: the strongest offered)"));
        o.addOption(Option.builder().longOpt("oauth2-login").hasArg().optionalArg(true).argName("ACCOUNT")
                .desc("sign in to the account's OAuth 2 provider (device code, else browser with PKCE) and store "
                        + "its refresh token; send nothing").get());
        o.addOption(flag(null, "open-browser", "with --oauth2-login: start $BROWSER (or xdg-open) on the URL"));
        // DKIM
        o.addOption(arg(null, "dkim-key", "FILE", "sign with this DKIM private key (PEM; RSA or Ed25519; "
                + "repeatable, one --dkim-selector each)"));
        o.addOption(arg(null, "dkim-selector", "NAME", "DKIM selector of the key (repeatable, in --dkim-key order)"));
        o.addOption(arg(null, "dkim-domain", "DOMAIN", "DKIM signing domain (default: the From address's domain)"));
        o.addOption(arg(null, "dkim-canon", "HEADER/BODY", "DKIM canonicalization: relaxed/relaxed (default), "
                + "simple/simple, relaxed/simple or simple/relaxed"));
        o.addOption(arg(null, "check-sender", "ADDRESS", "check the SPF, DKIM and DMARC records for mail From "
                + "ADDRESS (envelope sender -f, DKIM keys as configured); say what to fix; send nothing"));
        o.addOption(arg(null, "dkim-record", "FILE", "print the DNS TXT record for the DKIM key in FILE; send nothing"));
        // envelope
        o.addOption(arg("f", "from", "ADDR", "envelope sender (and From: in compose mode); <> for the null sender"));
        o.addOption(arg("F", "full-name", "NAME", "sender's full name for a From: header send-mail writes"));
        o.addOption(flag("t", "read-recipients", "take recipients from To:, Cc: and Bcc:; Bcc: is removed"));
        o.addOption(flag(null, "read-envelope-from", "take the envelope sender from the message's From field "
                + "(as msmtp does), not from the configuration's from"));
        o.addOption(flag("i", "ignore-dots", "a line with a single dot does not end the message (also -oi)"));
        o.addOption(arg("N", "dsn-notify", "WHEN", "DSN: never, or success,failure,delay"));
        o.addOption(arg("R", "dsn-return", "RET", "DSN: full or hdrs"));
        o.addOption(arg("V", "envid", "ID", "DSN envelope identifier"));
        o.addOption(arg(null, "to", "ADDR", "recipient (repeatable; same as a positional recipient)"));
        o.addOption(arg(null, "cc", "ADDR", "compose mode: Cc recipient (repeatable)"));
        o.addOption(arg(null, "bcc", "ADDR", "compose mode: blind copy recipient, not in any header (repeatable)"));
        // compose
        o.addOption(arg("s", "subject", "TEXT", "compose mode: the subject"));
        o.addOption(arg(null, "body", "TEXT", "compose mode: the text body (default: standard input)"));
        o.addOption(arg(null, "body-file", "FILE", "compose mode: read the text body (UTF-8) from FILE"));
        o.addOption(arg(null, "html", "FILE", "compose mode: HTML alternative of the body, from FILE"));
        o.addOption(arg(null, "attach", "FILE", "compose mode: attach FILE (repeatable)"));
        o.addOption(arg(null, "header", "NAME: VALUE", "compose mode: add a header (repeatable)"));
        o.addOption(arg(null, "list-unsubscribe", "URL", "compose mode: one-click unsubscribe (RFC 8058): an https "
                + "URL, and optionally a second option with a mailto: URL"));
        o.addOption(arg(null, "reply-to", "ADDR", "compose mode: Reply-To address (repeatable)"));
        // output
        o.addOption(flag("v", "verbose", "say which providers and hosts are used, and which flags are ignored"));
        o.addOption(flag(null, "trace", "print the SMTP dialogue on stderr (AUTH redacted)"));
        o.addOption(flag(null, "json", "print one JSON object per recipient on stdout"));
        o.addOption(flag(null, "quiet", "print nothing but errors"));
        o.addOption(flag(null, "debug", "print stack traces of internal errors"));
        o.addOption(flag(null, "plan", "print where each recipient's mail would go; send nothing"));
        o.addOption(flag(null, "probe", "like --plan, and connect to each host to show its capabilities"));
        o.addOption(flag(null, "verify", "check each recipient with MAIL FROM and RCPT TO, then RSET; send nothing "
                + "(also -bv)"));
        o.addOption(flag(null, "vrfy", "with --verify: ask with VRFY first where the server offers it"));
        o.addOption(arg(null, "etrn", "DOMAIN", "ask the server to deliver its queue for DOMAIN, @DOMAIN or #QUEUE "
                + "(ETRN, RFC 1985; repeatable); send nothing"));
        o.addOption(arg(null, "timeout", "SECONDS", "timeout of each network operation"));
        o.addOption(arg(null, "deadline", "SECONDS", "total time for the whole delivery (default 1800)"));
        o.addOption(flag(null, "version", "print the version"));
        o.addOption(flag("h", "help", "print this help"));
        // queue
        o.addOption(arg(null, "queue-dir", "DIR", "keep messages that cannot be delivered yet in DIR and retry them "
                + "with --queue-run"));
        o.addOption(flag(null, "queue-run", "deliver the queued messages that are due (also -q)"));
        o.addOption(flag(null, "queue-flush", "try every queued message now, due or not"));
        o.addOption(flag(null, "queue-list", "list the queue like mailq (also -bp)"));
        o.addOption(flag(null, "queue-bounce", "when a queue run fails a recipient for good (or after 5 days), send a "
                + "delivery status notification to the sender (the default)"));
        o.addOption(flag(null, "queue-no-bounce", "no notification: keep such messages in DIR/failed/ with the reason"));
        o.addOption(flag(null, "queue-reroute", "queue run: send every message through this command's route and "
                + "options instead of the route it was queued for"));
        // batch
        o.addOption(arg(null, "batch", "PATH", "send every message of a directory of .eml files, a Maildir or an mbox "
                + "file, each to the recipients of its header fields (as -t) or of its X-Envelope lines"));
        o.addOption(arg(null, "concurrency", "N", "with --batch: messages in flight at once, and connections to one "
                + "host at most (default 8)"));
        // configuration
        o.addOption(arg("C", "config", "FILE", "configuration file (msmtp format; default: the first of "
                + "$XDG_CONFIG_HOME/send-mail/config, $XDG_CONFIG_HOME/msmtp/config, ~/.msmtprc, /etc/send-mail.conf, "
                + "/etc/msmtprc)"));
        o.addOption(arg("a", "account", "NAME", "use this account of the configuration file"));
        return o;
    }

    private static Option arg(String shortName, String longName, String argName, String description) {
        return Option.builder(shortName).longOpt(longName).hasArg().argName(argName).desc(description).get();
    }

    private static Option flag(String shortName, String longName, String description) {
        return Option.builder(shortName).longOpt(longName).desc(description).get();
    }
}
