package dev.sendmail.tlsrpt;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * One day's TLS report for one policy domain (RFC 8460 section 4): the JSON document, and the report message
 * that carries it gzipped to a {@code mailto:} address of the domain's {@code _smtp._tls} record (section 5.3).
 *
 * @param organizationName who sends the report (the submitter, such as this host's domain)
 * @param contactInfo an address to reach the submitter
 * @param reportId a unique id for the report
 * @param policyDomain the domain the report is about
 * @param day the UTC day covered, from 00:00:00 to 23:59:59
 * @param sessions the sessions of that day under that domain's policies
 */
public record TlsReport(String organizationName, String contactInfo, String reportId, String policyDomain,
                        LocalDate day, List<TlsSession> sessions) {

    /**
     * Checks the components; the list is copied. The texts may not hold control characters.
     *
     * @param organizationName who sends the report
     * @param contactInfo an address to reach the submitter
     * @param reportId a unique id
     * @param policyDomain the domain the report is about
     * @param day the UTC day covered
     * @param sessions the sessions
     */
    public TlsReport {
        for (String s : new String[] {organizationName, contactInfo, reportId, policyDomain}) {
            Objects.requireNonNull(s, "a report field is null");
            if (s.isEmpty() || ControlCharacters.indexOf(s) >= 0) {
                throw new IllegalArgumentException("a report field is empty or has a control character");
            }
        }
        Objects.requireNonNull(day, "day");
        sessions = List.copyOf(sessions);
    }

    /**
     * The report of {@code day} for {@code policyDomain} from what {@code store} recorded, with a new report id
     * ({@code DAY.RANDOM@SUBMITTER}).
     *
     * @param store the recorded sessions
     * @param policyDomain the domain the report is about
     * @param day the UTC day
     * @param submitter the submitter's domain, also the organization name
     * @param contactInfo an address to reach the submitter
     * @return the report; without sessions when none were recorded
     * @throws IOException when the store cannot be read
     */
    public static TlsReport of(TlsReportStore store, String policyDomain, LocalDate day, String submitter,
                               String contactInfo) throws IOException {
        byte[] r = new byte[6];
        new java.security.SecureRandom().nextBytes(r);
        String id = day + "." + java.util.HexFormat.of().formatHex(r) + "@" + submitter;
        return new TlsReport(submitter, contactInfo, id, TlsReportStore.domain(policyDomain), day,
                store.sessions(policyDomain, day));
    }

    /**
     * The first instant of the day covered.
     *
     * @return 00:00:00 UTC
     */
    public Instant start() {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The last second of the day covered.
     *
     * @return 23:59:59 UTC
     */
    public Instant end() {
        return start().plusSeconds(86_399);
    }

    /**
     * The report as RFC 8460 section 4.4 lays it out: one entry per distinct policy with its session counts and
     * its failures grouped by result type, receiving host and address.
     *
     * @return the JSON text
     */
    public String json() {
        Map<List<Object>, List<TlsSession>> byPolicy = new LinkedHashMap<>();
        for (TlsSession s : sessions) {
            byPolicy.computeIfAbsent(List.of(s.policyType(), s.policyDomain(), s.policyString(), s.mxHost()),
                    k -> new ArrayList<>()).add(s);
        }
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"organization-name\": ").append(str(organizationName)).append(",\n");
        j.append("  \"date-range\": {\n    \"start-datetime\": ").append(str(time(start())))
                .append(",\n    \"end-datetime\": ").append(str(time(end()))).append("\n  },\n");
        j.append("  \"contact-info\": ").append(str(contactInfo)).append(",\n");
        j.append("  \"report-id\": ").append(str(reportId)).append(",\n");
        j.append("  \"policies\": [");
        String sep = "";
        for (List<TlsSession> group : byPolicy.values()) {
            TlsSession first = group.get(0);
            j.append(sep).append("{\n    \"policy\": {\n      \"policy-type\": ").append(str(first.policyType()));
            if (!first.policyString().isEmpty()) {
                j.append(",\n      \"policy-string\": ").append(array(first.policyString()));
            }
            j.append(",\n      \"policy-domain\": ").append(str(first.policyDomain()));
            if (!first.mxHost().isEmpty()) {
                j.append(",\n      \"mx-host\": ").append(array(first.mxHost()));
            }
            long ok = group.stream().filter(TlsSession::successful).count();
            j.append("\n    },\n    \"summary\": {\n      \"total-successful-session-count\": ").append(ok)
                    .append(",\n      \"total-failure-session-count\": ").append(group.size() - ok).append("\n    }");
            Map<List<Object>, Integer> failures = new LinkedHashMap<>();
            for (TlsSession s : group) {
                if (!s.successful()) {
                    failures.merge(List.of(s.resultType().orElseThrow(), s.receivingMx(), s.receivingIp()), 1,
                            Integer::sum);
                }
            }
            if (!failures.isEmpty()) {
                j.append(",\n    \"failure-details\": [");
                String fsep = "";
                for (Map.Entry<List<Object>, Integer> f : failures.entrySet()) {
                    j.append(fsep).append("{\n      \"result-type\": ").append(str((String) f.getKey().get(0)))
                            .append(",\n      \"receiving-mx-hostname\": ").append(str((String) f.getKey().get(1)));
                    ((java.util.Optional<?>) f.getKey().get(2)).ifPresent(ip ->
                            j.append(",\n      \"receiving-ip\": ").append(str((String) ip)));
                    j.append(",\n      \"failed-session-count\": ").append(f.getValue()).append("\n    }");
                    fsep = ", ";
                }
                j.append("]");
            }
            j.append("\n  }");
            sep = ", ";
        }
        j.append("]\n}\n");
        return j.toString();
    }

    /**
     * The report as a message to {@code to} (RFC 8460 section 5.3): a {@code multipart/report} of type
     * {@code tlsrpt} with a short text and the JSON gzipped as {@code application/tlsrpt+gzip}, named
     * {@code submitter!domain!start!end.json.gz}, with {@code TLS-Report-Domain}, {@code TLS-Report-Submitter}
     * and {@code TLS-Required: No} (a report about TLS failures must not be held up by them, RFC 8689 section 5).
     *
     * @param from the sender address
     * @param to the {@code mailto:} address of the domain's record
     * @param submitter the submitter's domain
     * @param date the message's Date
     * @param messageId the Message-ID, without angle brackets
     * @return the message, CRLF line ends
     */
    public byte[] message(String from, String to, String submitter, Instant date, String messageId) {
        for (String s : new String[] {from, to, submitter, messageId}) {
            if (s.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
                throw new IllegalArgumentException("an address or name for the report message is not printable ASCII");
            }
        }
        String boundary = "=_tlsrpt_" + Integer.toHexString(reportId.hashCode()) + "_" + date.getEpochSecond();
        String file = submitter + "!" + policyDomain + "!" + start().getEpochSecond() + "!" + end().getEpochSecond()
                + ".json.gz";
        StringBuilder m = new StringBuilder();
        m.append("From: <").append(from).append(">\r\n");
        m.append("To: <").append(to).append(">\r\n");
        m.append("Subject: Report Domain: ").append(policyDomain).append("\r\n Submitter: ").append(submitter)
                .append("\r\n Report-ID: <").append(reportId).append(">\r\n");
        m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atZone(ZoneOffset.UTC)))
                .append("\r\n");
        m.append("Message-ID: <").append(messageId).append(">\r\n");
        m.append("TLS-Report-Domain: ").append(policyDomain).append("\r\n");
        m.append("TLS-Report-Submitter: ").append(submitter).append("\r\n");
        m.append("TLS-Required: No\r\n");
        m.append("Auto-Submitted: auto-generated\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: multipart/report; report-type=\"tlsrpt\";\r\n\tboundary=\"").append(boundary)
                .append("\"\r\n\r\n");
        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        m.append("This is an aggregate TLS report (RFC 8460) from ").append(submitter).append(" for ")
                .append(policyDomain).append(",\r\ncovering ").append(time(start())).append(" to ")
                .append(time(end())).append(".\r\n\r\n");
        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Type: application/tlsrpt+gzip\r\n");
        m.append("Content-Transfer-Encoding: base64\r\n");
        m.append("Content-Disposition: attachment;\r\n\tfilename=\"").append(file).append("\"\r\n\r\n");
        m.append(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(gzip(json()))).append("\r\n");
        m.append("--").append(boundary).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static String array(List<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(str(values.get(i)));
        }
        return b.append("]").toString();
    }

    /** A JSON string. */
    static String str(String s) {
        return Json.quote(s);
    }
}
