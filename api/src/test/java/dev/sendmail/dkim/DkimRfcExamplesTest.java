package dev.sendmail.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.MessageContent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The worked examples of RFC 6376 (canonicalization, body hash) and RFC 8463 appendix A (Ed25519). */
class DkimRfcExamplesTest {

    /** RFC 6376 section 3.4.5. */
    private static final String EXAMPLE_345 = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

    /** RFC 8463 appendix A.1: the Ed25519 secret and public key. */
    static final String ED_SECRET = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
    static final String ED_PUBLIC = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

    static final String RFC_HEADERS = "From: Joe SixPack <joe@football.example.com>\r\n"
            + "To: Suzie Q <suzie@shopping.example.net>\r\n"
            + "Subject: Is dinner ready?\r\n"
            + "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
            + "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n";
    static final String RFC_BODY = "Hi.\r\n\r\nWe lost the game.  Are you hungry yet?\r\n\r\nJoe.\r\n";

    /** RFC 8463 appendix A.3: the Ed25519 signature of the message above. */
    private static final String RFC_8463_SIGNATURE = "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;\r\n"
            + " d=football.example.com; i=@football.example.com;\r\n"
            + " q=dns/txt; s=brisbane; t=1528637909; h=from : to :\r\n"
            + " subject : date : message-id : from : subject : date;\r\n"
            + " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
            + " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus\r\n"
            + " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==\r\n";

    static DkimKey rfcEd25519Key() throws Exception {
        byte[] seed = Base64.getDecoder().decode(ED_SECRET);
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420");
        byte[] der = new byte[pkcs8.length + seed.length];
        System.arraycopy(pkcs8, 0, der, 0, pkcs8.length);
        System.arraycopy(seed, 0, der, pkcs8.length, seed.length);
        return DkimKey.of(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)));
    }

    static PublicKey rfcEd25519Public() throws Exception {
        byte[] raw = Base64.getDecoder().decode(ED_PUBLIC);
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] der = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, der, 0, prefix.length);
        System.arraycopy(raw, 0, der, prefix.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    private static String canonicalHeaders(String message, boolean relaxed) throws Exception {
        HeaderSection hs = HeaderSection.read(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)), 64);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HeaderSection.Field f : hs.fields()) {
            out.writeBytes(relaxed ? HeaderSection.relaxed(f.raw(), true) : f.raw());
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String canonicalBody(String body, Canonicalization c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BodyCanonicalizer b = new BodyCanonicalizer(c, new CapturingDigest(out));
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        b.update(bytes, 0, bytes.length);
        b.finish();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void relaxedHeadersOfSection345() throws Exception {
        assertEquals("a:X\r\nb:Y Z\r\n", canonicalHeaders(EXAMPLE_345, true));
    }

    @Test
    void simpleHeadersOfSection345AreUnchanged() throws Exception {
        assertEquals("A: X\r\nB : Y\t\r\n\tZ  \r\n", canonicalHeaders(EXAMPLE_345, false));
    }

    @Test
    void relaxedBodyOfSection345() {
        assertEquals(" C\r\nD E\r\n", canonicalBody(" C \r\nD \t E\r\n\r\n\r\n", Canonicalization.RELAXED));
    }

    @Test
    void simpleBodyOfSection345() {
        assertEquals(" C \r\nD \t E\r\n", canonicalBody(" C \r\nD \t E\r\n\r\n\r\n", Canonicalization.SIMPLE));
    }

    @Test
    void bodyHashOfAppendixA() throws Exception {
        byte[] m = (RFC_HEADERS + "\r\n" + RFC_BODY.replace("  ", " ")).getBytes(StandardCharsets.US_ASCII);
        assertEquals("2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=", TestVerifier.bodyHash(m, Canonicalization.SIMPLE));
        assertEquals("2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=",
                TestVerifier.bodyHash((RFC_HEADERS + "\r\n" + RFC_BODY).getBytes(StandardCharsets.US_ASCII),
                        Canonicalization.RELAXED));
    }

    @Test
    void rfc8463SignatureVerifies() throws Exception {
        byte[] m = (RFC_8463_SIGNATURE + RFC_HEADERS + "\r\n" + RFC_BODY).getBytes(StandardCharsets.US_ASCII);
        assertTrue(TestVerifier.verify(m, 0, rfcEd25519Public()));
    }

    @Test
    void rfc8463SignatureFailsOnAChangedSubject() throws Exception {
        byte[] m = (RFC_8463_SIGNATURE + RFC_HEADERS.replace("dinner", "lunch") + "\r\n" + RFC_BODY)
                .getBytes(StandardCharsets.US_ASCII);
        assertFalse(TestVerifier.verify(m, 0, rfcEd25519Public()));
    }

    @Test
    void publicKeyIsDerivedFromTheRfc8463Secret() throws Exception {
        DkimKey key = rfcEd25519Key();
        assertEquals(DkimAlgorithm.ED25519_SHA256, key.algorithm());
        assertEquals(ED_PUBLIC, key.publicKeyTag());
        assertEquals("v=DKIM1; k=ed25519; p=" + ED_PUBLIC, key.dnsRecord());
    }

    @Test
    void ourSignatureOfTheRfc8463MessageVerifiesWithItsPublishedKey() throws Exception {
        DkimSigner signer = DkimSigner.builder(rfcEd25519Key(), "brisbane", "football.example.com")
                .oversign(true)
                .clock(Clock.fixed(Instant.ofEpochSecond(1528637909), ZoneOffset.UTC))
                .build();
        byte[] signed = signer.sign(MessageContent.of(RFC_HEADERS + "\r\n" + RFC_BODY)).open().readAllBytes();
        String text = new String(signed, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;"), text);
        assertTrue(text.contains("bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;"), text);
        assertEquals("from:to:subject:date:message-id:from:to:subject:date",
                TestVerifier.tags(text.substring(0, text.indexOf("\r\nFrom:") + 2).getBytes(StandardCharsets.US_ASCII))
                        .get("h").replace(" ", ""));
        assertTrue(TestVerifier.verify(signed, 0, rfcEd25519Public()));
    }

    /** A digest that records what it is given, to see canonicalized output. */
    static final class CapturingDigest extends java.security.MessageDigest {
        private final ByteArrayOutputStream out;

        CapturingDigest(ByteArrayOutputStream out) {
            super("capture");
            this.out = out;
        }

        @Override
        protected void engineUpdate(byte input) {
            out.write(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            out.write(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            return new byte[0];
        }

        @Override
        protected void engineReset() {
        }
    }
}
