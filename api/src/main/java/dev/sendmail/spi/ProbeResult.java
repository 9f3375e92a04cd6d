package dev.sendmail.spi;

import dev.sendmail.api.SmtpReply;
import java.util.List;
import java.util.Optional;

/**
 * What a probe saw.
 *
 * @param host the host name
 * @param address the address connected to
 * @param greeting the 220 greeting
 * @param capabilities the EHLO keywords with their parameters, one per line, as last seen (after TLS if any)
 * @param tlsProtocol e.g. TLSv1.3, when TLS was established
 * @param tlsCipherSuite the cipher suite, when TLS was established
 * @param peerCertificate the subject and issuer of the server certificate, when TLS was established
 * @param certificateProblem why the certificate would not be trusted, if it would not
 */
public record ProbeResult(String host, String address, SmtpReply greeting, List<String> capabilities,
                          Optional<String> tlsProtocol, Optional<String> tlsCipherSuite,
                          Optional<String> peerCertificate, Optional<String> certificateProblem) {

    /**
     * Checks the components; lists and maps are copied.
     *
     * @param host the host name
     * @param address the address connected to
     * @param greeting the 220 greeting
     * @param capabilities the EHLO keywords with their parameters, one per line, as last seen (after TLS if any)
     * @param tlsProtocol e.g. TLSv1.3, when TLS was established
     * @param tlsCipherSuite the cipher suite, when TLS was established
     * @param peerCertificate the subject and issuer of the server certificate, when TLS was established
     * @param certificateProblem why the certificate would not be trusted, if it would not
     */
    public ProbeResult {
        capabilities = List.copyOf(capabilities);
    }
}
