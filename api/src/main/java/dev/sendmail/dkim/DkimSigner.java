package dev.sendmail.dkim;

import dev.sendmail.api.MessageContent;
import dev.sendmail.api.MessageSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.IDN;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs messages with DKIM (RFC 6376; Ed25519 per RFC 8463) and yields them with the {@code DKIM-Signature}
 * fields prepended. The message is read once, streamed: the body goes through the body hash and is not kept; only
 * the header section (bounded by {@link HeaderSection#MAX_OCTETS}) is held. The signed octets are the message's
 * wire form (every line ending CRLF, an unterminated last line ended) before dot-stuffing, which is what both
 * transports send, so the signature verifies once a server has stored the message.
 *
 * <p>Several signers combined with {@link #and} add several signatures in the same single pass, for example one
 * RSA and one Ed25519 signature as RFC 8463 recommends.
 *
 * <pre>{@code
 * DkimSigner signer = DkimSigner.builder(DkimKey.read(Path.of("dkim.pem")), "mail", "example.org").build();
 * MessageContent signed = signer.sign(MessageContent.of(Path.of("message.eml")));
 * }</pre>
 */
public final class DkimSigner implements MessageSigner {

    /**
     * The fields signed when present (RFC 6376 section 5.4.1, plus the MIME fields, Message-ID, Sender and
     * List-Unsubscribe-Post). Each occurrence is signed.
     */
    public static final List<String> DEFAULT_HEADERS = List.of("from", "reply-to", "subject", "date", "to", "cc",
            "resent-date", "resent-from", "resent-to", "resent-cc", "in-reply-to", "references", "list-id",
            "list-help", "list-unsubscribe", "list-unsubscribe-post", "list-subscribe", "list-post", "list-owner",
            "list-archive", "message-id", "sender", "mime-version", "content-type", "content-transfer-encoding");

    /** The fields oversigned when {@link Builder#oversign} is on: one more entry each than present. */
    public static final List<String> OVERSIGNED_HEADERS = List.of("from", "to", "subject", "date");

    private static final int BUFFER = 64 * 1024;

    private final List<SignatureSpec> specs;
    private final Clock clock;

    private DkimSigner(List<SignatureSpec> specs, Clock clock) {
        this.specs = List.copyOf(specs);
        this.clock = clock;
    }

    /**
     * A signer for one key.
     *
     * @param selector the {@code s=} tag: the key's record is at {@code SELECTOR._domainkey.DOMAIN}
     * @param domain the {@code d=} tag, the signing domain (an IDN is converted to its A-label form)
     * @param key the private key
     * @return a builder
     */
    public static Builder builder(DkimKey key, String selector, String domain) {
        return new Builder(key, selector, domain);
    }

    /**
     * A signer that adds this one's signatures and then {@code other}'s, in one pass; this one's clock.
     *
     * @param other the next signer
     * @return the combined signer
     */
    public DkimSigner and(DkimSigner other) {
        List<SignatureSpec> all = new ArrayList<>(specs);
        all.addAll(other.specs);
        return new DkimSigner(all, clock);
    }

    /**
     * Reads {@code content} once and returns it with the signatures prepended. The result streams from
     * {@code content}, which must not change afterwards.
     *
     * @throws DkimException when the message has no single From field or its header section is over the bound
     * @throws IOException when the content cannot be read
     */
    @Override
    public MessageContent sign(MessageContent content) throws IOException {
        Map<Canonicalization, BodyCanonicalizer> bodies = new EnumMap<>(Canonicalization.class);
        for (SignatureSpec s : specs) {
            bodies.computeIfAbsent(s.body(), c -> new BodyCanonicalizer(c, sha256()));
        }
        HeaderSection headers;
        try (InputStream in = content.open()) {
            headers = HeaderSection.read(in, BUFFER);
            byte[] buf = headers.buffer();
            int off = headers.position();
            int len = headers.limit() - off;
            while (true) {
                if (len > 0) {
                    for (BodyCanonicalizer b : bodies.values()) {
                        b.update(buf, off, len);
                    }
                }
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    break;
                }
                off = 0;
                len = n;
            }
        }
        int from = 0;
        for (HeaderSection.Field f : headers.fields()) {
            if (f.name().equals("from")) {
                from++;
            }
        }
        if (from != 1) {
            throw new DkimException(from == 0 ? "the message has no From field; DKIM cannot sign it"
                    : "the message has " + from + " From fields; DKIM cannot sign it");
        }
        Map<Canonicalization, String> bodyHashes = new EnumMap<>(Canonicalization.class);
        bodies.forEach((c, b) -> bodyHashes.put(c, Base64.getEncoder().encodeToString(b.finish())));
        long now = clock.instant().getEpochSecond();
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (SignatureSpec s : specs) {
            fields.writeBytes(DkimSignatureField.build(s, headers.fields(), bodyHashes.get(s.body()), now));
        }
        return new SignedContent(fields.toByteArray(), content);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Builds a {@link DkimSigner} for one key. */
    public static final class Builder {
        private final DkimKey key;
        private final String selector;
        private final String domain;
        private Canonicalization header = Canonicalization.RELAXED;
        private Canonicalization body = Canonicalization.RELAXED;
        private List<String> headers = DEFAULT_HEADERS;
        private boolean oversign;
        private Optional<Duration> expiry = Optional.empty();
        private Clock clock = Clock.systemUTC();

        private Builder(DkimKey key, String selector, String domain) {
            this.key = Objects.requireNonNull(key, "key");
            this.selector = checkName(selector, "selector");
            this.domain = checkName(toAscii(domain), "domain");
        }

        /**
         * Header and body canonicalization; relaxed/relaxed unless set.
         *
         * @param headerCanon for the header fields
         * @param bodyCanon for the body
         * @return this builder
         */
        public Builder canonicalization(Canonicalization headerCanon, Canonicalization bodyCanon) {
            header = Objects.requireNonNull(headerCanon);
            body = Objects.requireNonNull(bodyCanon);
            return this;
        }

        /**
         * The names of the fields to sign when present, instead of {@link #DEFAULT_HEADERS}; must include From.
         * List-Unsubscribe and List-Unsubscribe-Post are added when missing: a receiver honours one-click
         * unsubscribe only when the signature covers both (RFC 8058 section 4).
         *
         * @param names field names
         * @return this builder
         */
        public Builder headers(List<String> names) {
            List<String> lower = new ArrayList<>();
            for (String n : names) {
                if (n.isEmpty() || !n.chars().allMatch(c -> c > ' ' && c < 127 && c != ':')) {
                    throw new IllegalArgumentException("not a header field name: " + n.replaceAll("\\p{Cntrl}", "?"));
                }
                lower.add(n.toLowerCase(Locale.ROOT));
            }
            if (!lower.contains("from")) {
                throw new IllegalArgumentException("the signed header fields must include From");
            }
            lower.add("list-unsubscribe");
            lower.add("list-unsubscribe-post");
            headers = List.copyOf(new LinkedHashSet<>(lower));
            return this;
        }

        /**
         * Lists From, To, Subject and Date once more than they occur, so that such a field added in transit
         * breaks the signature (RFC 6376 section 8.15). Off unless set.
         *
         * @param value true to oversign
         * @return this builder
         */
        public Builder oversign(boolean value) {
            oversign = value;
            return this;
        }

        /**
         * Adds {@code x=}: the signature expires this long after it was made. None unless set.
         *
         * @param value the lifetime of a signature
         * @return this builder
         */
        public Builder expireAfter(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the expiry must be positive");
            }
            expiry = Optional.of(value);
            return this;
        }

        /**
         * The clock for {@code t=} and {@code x=}.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The signer.
         *
         * @return the signer
         */
        public DkimSigner build() {
            return new DkimSigner(List.of(new SignatureSpec(key, selector, domain, header, body, headers, oversign, expiry)),
                    clock);
        }

        private static String toAscii(String domain) {
            Objects.requireNonNull(domain, "domain");
            try {
                return IDN.toASCII(domain.strip(), IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a domain name: " + domain.replaceAll("\\p{Cntrl}", "?"));
            }
        }

        /** Dot-separated labels of letters, digits, hyphens and underscores. */
        static String checkName(String value, String what) {
            Objects.requireNonNull(value, what);
            String[] labels = value.split("\\.", -1);
            boolean ok = !value.isEmpty() && value.length() <= 253;
            for (String l : labels) {
                ok &= !l.isEmpty() && l.length() <= 63 && l.chars().allMatch(c -> c < 128
                        && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
            }
            if (!ok) {
                throw new IllegalArgumentException("not a valid DKIM " + what + ": "
                        + value.replaceAll("\\p{Cntrl}", "?"));
            }
            return value;
        }
    }
}
