package dev.sendmail.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How the {@link FakeSmtpServer} behaves on one connection. Without rules it is a well-behaved ESMTP server
 * that accepts everything; rules replace the answer to commands that start with a given prefix
 * (case-insensitive), in the order they were added, the first match winning. A script is mutable while it
 * is being built and must not be changed once the server runs.
 */
public final class SmtpScript {

    /** A rule: commands starting with {@code prefix} get {@code action}; a once-rule is used up by one match. */
    record Rule(String prefix, ScriptAction action, boolean once) {
    }

    ScriptAction greeting = ScriptAction.reply("220 fake.test ESMTP ready");
    final List<String> capabilities = new ArrayList<>(
            List.of("PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES", "SIZE 10240000"));
    final List<Rule> rules = new ArrayList<>();
    final List<ScriptAction> dataEndReplies = new ArrayList<>();
    SSLContext tls;
    boolean implicitTls;
    byte[] injectAfterStartTls;
    String authUser;
    String authSecret;
    long dropDataAfter = -1;
    int maxRecipients;
    ScriptAction overRecipientLimit;
    boolean stallInData;
    boolean lmtp;

    /** A default script: accepts everything, offers PIPELINING, 8BITMIME, ENHANCEDSTATUSCODES and SIZE. */
    public static SmtpScript accepting() {
        return new SmtpScript();
    }

    /**
     * Speaks LMTP (RFC 2033): LHLO gets the capabilities, EHLO and HELO get 500, and the end of the data gets one
     * {@link #afterData} answer per accepted recipient, in order.
     */
    public SmtpScript lmtp() {
        lmtp = true;
        return this;
    }

    /** The first reply of the connection (default {@code 220 fake.test ESMTP ready}). */
    public SmtpScript greeting(ScriptAction action) {
        greeting = action;
        return this;
    }

    public SmtpScript greeting(String reply) {
        return greeting(ScriptAction.reply(reply));
    }

    /** Replaces the EHLO keywords. */
    public SmtpScript capabilities(String... keywords) {
        capabilities.clear();
        Collections.addAll(capabilities, keywords);
        return this;
    }

    /** Adds EHLO keywords. */
    public SmtpScript offer(String... keywords) {
        Collections.addAll(capabilities, keywords);
        return this;
    }

    /** Removes every EHLO keyword starting with {@code keyword} (case-insensitive). */
    public SmtpScript withhold(String keyword) {
        String k = keyword.toUpperCase(Locale.ROOT);
        capabilities.removeIf(c -> c.toUpperCase(Locale.ROOT).startsWith(k));
        return this;
    }

    /** Commands starting with {@code prefix} (case-insensitive) get {@code action}, every time. */
    public SmtpScript on(String prefix, ScriptAction action) {
        rules.add(new Rule(prefix.toUpperCase(Locale.ROOT), action, false));
        return this;
    }

    /** Commands starting with {@code prefix} get the reply {@code reply}, every time. */
    public SmtpScript on(String prefix, String reply) {
        return on(prefix, ScriptAction.reply(reply));
    }

    /** The next command starting with {@code prefix} gets {@code action}; later ones fall through. */
    public SmtpScript once(String prefix, ScriptAction action) {
        rules.add(new Rule(prefix.toUpperCase(Locale.ROOT), action, true));
        return this;
    }

    public SmtpScript once(String prefix, String reply) {
        return once(prefix, ScriptAction.reply(reply));
    }

    /** The answers to the end of each message's data, in order (default {@code 250 2.0.0 Ok: queued}). */
    public SmtpScript afterData(ScriptAction... actions) {
        Collections.addAll(dataEndReplies, actions);
        return this;
    }

    public SmtpScript afterData(String reply) {
        return afterData(ScriptAction.reply(reply));
    }

    /** Offers STARTTLS with this server context. */
    public SmtpScript startTls(SSLContext context) {
        tls = context;
        implicitTls = false;
        if (capabilities.stream().noneMatch(c -> c.equalsIgnoreCase("STARTTLS"))) {
            capabilities.add("STARTTLS");
        }
        return this;
    }

    /** TLS from the first byte (port 465 style). */
    public SmtpScript implicitTls(SSLContext context) {
        tls = context;
        implicitTls = true;
        return this;
    }

    /** Sends {@code text} in the same write as the 220 reply to STARTTLS, before the handshake. */
    public SmtpScript injectAfterStartTls(String text) {
        injectAfterStartTls = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return this;
    }

    /**
     * Offers AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER and checks the credentials (for XOAUTH2 the secret is the
     * token); anything else gets 535.
     */
    public SmtpScript auth(String user, String secret) {
        authUser = user;
        authSecret = secret;
        withhold("AUTH");
        capabilities.add("AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER");
        return this;
    }

    /**
     * Accepts at most {@code max} recipients per transaction and answers every further RCPT with {@code reply}
     * (for example {@code 452 4.5.3 Too many recipients}). Rules for RCPT still come first.
     */
    public SmtpScript maxRecipients(int max, String reply) {
        maxRecipients = max;
        overRecipientLimit = ScriptAction.reply(reply);
        return this;
    }

    /** Closes the connection once this many data octets arrived (drop mid-DATA). */
    public SmtpScript dropDuringData(long afterOctets) {
        dropDataAfter = afterOctets;
        return this;
    }

    /**
     * Stops reading and answering once data octets arrive, until the server is closed: a client writing a large
     * message blocks when the socket buffers are full, and its write timeout must fire.
     */
    public SmtpScript stallDuringData() {
        stallInData = true;
        return this;
    }

    Optional<ScriptAction> match(String command) {
        String upper = command.toUpperCase(Locale.ROOT);
        synchronized (rules) {
            for (int i = 0; i < rules.size(); i++) {
                Rule r = rules.get(i);
                if (upper.startsWith(r.prefix())) {
                    if (r.once()) {
                        rules.remove(i);
                    }
                    return Optional.of(r.action());
                }
            }
        }
        return Optional.empty();
    }

    ScriptAction nextDataEnd() {
        synchronized (dataEndReplies) {
            if (dataEndReplies.isEmpty()) {
                return ScriptAction.reply("250 2.0.0 Ok: queued");
            }
            return dataEndReplies.size() == 1 ? dataEndReplies.get(0) : dataEndReplies.remove(0);
        }
    }
}
