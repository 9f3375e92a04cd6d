package dev.sendmail.api;

import java.util.List;
import java.util.Objects;

/**
 * What one host's connection must prove, beyond the transport's {@link TlsMode}: set on a {@link MailHost} by
 * whoever found the host (DANE from DNSSEC-signed TLSA records, MTA-STS from a policy in enforce mode), and
 * enforced by every transport. Every requirement other than {@link Opportunistic} means: STARTTLS (or implicit
 * TLS) is mandatory, never a plain-text fallback, and a connection that does not meet it is a transient
 * {@link TlsFailedException} (the mail is deferred and the next host tried). Immutable.
 */
public sealed interface TlsRequirement {

    /** No requirement: the transport's TLS mode decides (the default). */
    TlsRequirement OPPORTUNISTIC = new Opportunistic();

    /**
     * The rule in a few words, for {@code --plan}, {@code --trace} and reports, such as
     * {@code TLS required, DANE-EE}.
     *
     * @return the rule
     */
    String rule();

    /**
     * Whether TLS is mandatory for the host (everything but {@link Opportunistic}).
     *
     * @return true when the host must never get mail in plain text
     */
    default boolean requiresTls() {
        return true;
    }

    /** No requirement of its own: the transport's TLS mode applies (opportunistic TLS for MX delivery). */
    record Opportunistic() implements TlsRequirement {
        @Override
        public String rule() {
            return "opportunistic";
        }

        @Override
        public boolean requiresTls() {
            return false;
        }

        // written out (the text the record's would have): the generated one is bootstrapped through invokedynamic
        // on first use, which no class archive keeps; every socket send names its pool key with it
        @Override
        public String toString() {
            return "Opportunistic[]";
        }
    }

    /**
     * TLS is mandatory but the certificate is not checked: DANE with TLSA records of which none is usable
     * (RFC 7672 section 2.2).
     *
     * @param why where the requirement comes from, for the rule, such as {@code DANE, no usable TLSA record}
     */
    record Encrypted(String why) implements TlsRequirement {
        /**
         * Checks the reason.
         *
         * @param why where the requirement comes from
         */
        public Encrypted {
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String rule() {
            return "TLS required, unauthenticated (" + why + ")";
        }
    }

    /**
     * TLS with a certificate that chains to a trusted CA (the transport's trust store and CA file) and is valid
     * for {@code name}; pins and {@code --tls-insecure} do not weaken it. Used for MTA-STS in enforce mode.
     *
     * @param name the name the certificate must be valid for (wildcards as RFC 6125 allows)
     * @param source where the requirement comes from, for the rule, such as {@code MTA-STS enforce}
     */
    record Pkix(String name, String source) implements TlsRequirement {
        /**
         * Checks the fields.
         *
         * @param name the name the certificate must be valid for
         * @param source where the requirement comes from
         */
        public Pkix {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("the name to verify is empty");
            }
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String rule() {
            return "TLS required, " + source + " (certificate for " + name + ")";
        }
    }

    /**
     * TLS authenticated by DNSSEC-validated TLSA records (RFC 7672): the server's certificate must match one of
     * {@code records}; a DANE-TA match also needs the chain to the trust anchor and {@code name} in the
     * certificate.
     *
     * @param name the MX host name, the reference identifier for DANE-TA
     * @param records the usable records ({@link TlsaRecord#isUsableForSmtp()}); never empty
     */
    record Dane(String name, List<TlsaRecord> records) implements TlsRequirement {
        /**
         * Checks the fields; the list is copied.
         *
         * @param name the MX host name
         * @param records the usable records; never empty
         */
        public Dane {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("the MX host name is empty");
            }
            records = List.copyOf(records);
            if (records.isEmpty()) {
                throw new IllegalArgumentException("DANE needs at least one usable TLSA record");
            }
            for (TlsaRecord r : records) {
                if (!r.isUsableForSmtp()) {
                    throw new IllegalArgumentException("TLSA record " + r.usageName() + " " + r.selector() + " "
                            + r.matchingType() + " is not usable for SMTP");
                }
            }
        }

        @Override
        public String rule() {
            boolean ee = records.stream().anyMatch(r -> r.usage() == TlsaRecord.DANE_EE);
            boolean ta = records.stream().anyMatch(r -> r.usage() == TlsaRecord.DANE_TA);
            return "TLS required, " + (ee && ta ? "DANE-EE or DANE-TA" : ee ? "DANE-EE" : "DANE-TA");
        }
    }

    /**
     * The host must not be used now: what its TLS requirement depends on could not be found (a TLSA lookup that
     * failed for a host whose other records are signed). The transport defers without connecting.
     *
     * @param reason why, in a few words
     */
    record Unavailable(String reason) implements TlsRequirement {
        /**
         * Checks the reason.
         *
         * @param reason why
         */
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String rule() {
            return "not used (" + reason + ")";
        }
    }
}
