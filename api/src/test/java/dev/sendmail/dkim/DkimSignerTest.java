package dev.sendmail.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ContentTraits;
import dev.sendmail.api.MessageContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DkimSignerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private static DkimKey ed;
    private static DkimKey rsa;

    @BeforeAll
    static void keys() throws Exception {
        ed = DkimRfcExamplesTest.rfcEd25519Key();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair p = g.generateKeyPair();
        rsa = DkimKey.of(p.getPrivate());
    }

    private static DkimSigner.Builder ed() {
        return DkimSigner.builder(ed, "sel", "example.org").clock(CLOCK);
    }

    private static byte[] sign(DkimSigner s, String message) throws IOException {
        return s.sign(MessageContent.of(message.getBytes(StandardCharsets.ISO_8859_1))).open().readAllBytes();
    }

    private static String field(byte[] signed) {
        String s = new String(signed, StandardCharsets.ISO_8859_1);
        int i = 0;
        do {
            i = s.indexOf("\r\n", i) + 2;
        } while (s.charAt(i) == '\t' || s.charAt(i) == ' ');
        return s.substring(0, i);
    }

    private static boolean verifies(byte[] signed, int index, DkimKey key) throws Exception {
        return TestVerifier.verify(signed, index, key.publicKey());
    }

    private static final String MESSAGE = "From: A <a@example.org>\r\nTo: b@example.net\r\nSubject: hi\r\n"
            + "Date: Tue, 1 Dec 2026 04:00:00 +0000\r\n\r\nbody line\r\n.leading dot\r\n";

    @Test
    void lfLineEndsSignAsTheirCrlfWireForm() throws Exception {
        DkimSigner s = ed().build();
        String crlf = field(sign(s, MESSAGE));
        assertEquals(crlf, field(sign(s, MESSAGE.replace("\r\n", "\n"))));
        assertEquals(crlf, field(sign(s, MESSAGE.replace("\r\n", "\r"))));
    }

    @Test
    void missingFinalLineEndSignsAsIfEnded() throws Exception {
        DkimSigner s = ed().canonicalization(Canonicalization.SIMPLE, Canonicalization.SIMPLE).build();
        assertEquals(field(sign(s, MESSAGE)), field(sign(s, MESSAGE.substring(0, MESSAGE.length() - 2))));
    }

    @Test
    void signedMessageIsTheFieldThenTheOriginalOctets() throws Exception {
        String lf = MESSAGE.replace("\r\n", "\n");
        byte[] signed = sign(ed().build(), lf);
        String f = field(signed);
        assertEquals(f + lf, new String(signed, StandardCharsets.ISO_8859_1));
        for (String line : f.split("\r\n")) {
            assertTrue(line.length() <= 78, line);
        }
        assertTrue(f.endsWith("\r\n") && !f.contains("\n\n"), f);
    }

    @Test
    void relaxedAndSimpleBothVerifyForBothAlgorithms() throws Exception {
        for (DkimKey key : List.of(ed, rsa)) {
            for (Canonicalization h : Canonicalization.values()) {
                for (Canonicalization b : Canonicalization.values()) {
                    byte[] signed = sign(DkimSigner.builder(key, "sel", "example.org").canonicalization(h, b).build(),
                            MESSAGE);
                    Map<String, String> tags = TestVerifier.tags(field(signed).getBytes(StandardCharsets.ISO_8859_1));
                    assertEquals(h.tag() + "/" + b.tag(), tags.get("c"));
                    assertEquals(key.algorithm().tag(), tags.get("a"));
                    assertTrue(verifies(signed, 0, key), key + " " + h + "/" + b);
                }
            }
        }
    }

    @Test
    void aChangedBodyFailsVerification() throws Exception {
        byte[] signed = sign(ed().build(), MESSAGE);
        String tampered = new String(signed, StandardCharsets.ISO_8859_1).replace("body line", "body lime");
        assertFalse(verifies(tampered.getBytes(StandardCharsets.ISO_8859_1), 0, ed));
    }

    @Test
    void foldedHeadersAndTrailingWhiteSpaceSurviveRelaxedRewrapping() throws Exception {
        String folded = "From: A <a@example.org>\r\nSubject: a long\r\n\tfolded   subject  \r\n"
                + "To: b@example.net\r\n\r\nline with trailing space   \r\n\t \r\n\r\n";
        byte[] signed = sign(ed().build(), folded);
        assertTrue(verifies(signed, 0, ed));
        String rewrapped = new String(signed, StandardCharsets.ISO_8859_1)
                .replace("Subject: a long\r\n\tfolded   subject  ", "Subject:  a long folded subject")
                .replace("line with trailing space   \r\n\t \r\n\r\n", "line  with trailing space\r\n");
        assertTrue(verifies(rewrapped.getBytes(StandardCharsets.ISO_8859_1), 0, ed));
        byte[] simple = sign(ed().canonicalization(Canonicalization.SIMPLE, Canonicalization.SIMPLE).build(), folded);
        String changed = new String(simple, StandardCharsets.ISO_8859_1).replace("subject  \r\n", "subject\r\n");
        assertFalse(verifies(changed.getBytes(StandardCharsets.ISO_8859_1), 0, ed));
    }

    @Test
    void emptyBodyHashesPerCanonicalization() throws Exception {
        String headersOnly = "From: a@example.org\r\nSubject: x\r\n";
        // RFC 6376 3.4.3/3.4.4: simple hashes one CRLF, relaxed nothing
        String simpleEmpty = "frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=";
        String relaxedEmpty = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
        for (String m : List.of(headersOnly, headersOnly + "\r\n", headersOnly + "\r\n\r\n\r\n",
                headersOnly.replace("\r\n", "\n") + "\n \t\n")) {
            byte[] r = sign(ed().build(), m);
            assertEquals(relaxedEmpty, TestVerifier.tags(field(r).getBytes(StandardCharsets.ISO_8859_1)).get("bh"), m);
            assertTrue(verifies(r, 0, ed));
        }
        byte[] s = sign(ed().canonicalization(Canonicalization.SIMPLE, Canonicalization.SIMPLE).build(),
                headersOnly + "\r\n\r\n");
        assertEquals(simpleEmpty, TestVerifier.tags(field(s).getBytes(StandardCharsets.ISO_8859_1)).get("bh"));
    }

    @Test
    void bodyHashDoesNotDependOnReadChunkBoundaries() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            body.append(i % 7 == 0 ? "\r" : i % 5 == 0 ? "\n" : i % 3 == 0 ? "\r\n" : i % 2 == 0 ? " \t" : "x");
        }
        String m = "From: a@example.org\r\n\r\n" + body;
        byte[] bytes = m.getBytes(StandardCharsets.US_ASCII);
        for (Canonicalization c : Canonicalization.values()) {
            DkimSigner s = ed().canonicalization(c, c).build();
            String whole = field(sign(s, m));
            MessageContent trickle = new MessageContent() {
                @Override
                public InputStream open() {
                    return new ByteArrayInputStream(bytes) {
                        @Override
                        public synchronized int read(byte[] b, int off, int len) {
                            return super.read(b, off, Math.min(len, 1));
                        }
                    };
                }

                @Override
                public OptionalLong size() {
                    return OptionalLong.empty();
                }
            };
            byte[] signed = s.sign(trickle).open().readAllBytes();
            assertEquals(whole, field(signed), c.toString());
        }
    }

    @Test
    void hugeHeaderSectionWithinTheBoundSigns() throws Exception {
        StringBuilder m = new StringBuilder("From: a@example.org\r\n");
        String line = "X-Filler: " + "y".repeat(900) + "\r\n";
        while (m.length() + line.length() < HeaderSection.MAX_OCTETS - 1000) {
            m.append(line);
        }
        m.append("Subject: last\r\n\r\nbody\r\n");
        assertTrue(verifies(sign(ed().build(), m.toString()), 0, ed));
        m.insert(0, ("X-More: " + "z".repeat(900) + "\r\n").repeat(3));
        DkimException e = assertThrows(DkimException.class, () -> sign(ed().build(), m.toString()));
        assertTrue(e.getMessage().contains("header section is over"), e.getMessage());
    }

    @Test
    void messageWithoutExactlyOneFromIsRefused() {
        DkimException none = assertThrows(DkimException.class, () -> sign(ed().build(), "Subject: x\r\n\r\nb\r\n"));
        assertEquals("the message has no From field; DKIM cannot sign it", none.getMessage());
        DkimException two = assertThrows(DkimException.class,
                () -> sign(ed().build(), "From: a@example.org\r\nFrom: b@example.org\r\n\r\nb\r\n"));
        assertTrue(two.getMessage().contains("2 From fields"), two.getMessage());
    }

    @Test
    void headerListSignsEachOccurrencePresentAndOversignsWhenAsked() throws Exception {
        String m = "Received: x\r\nFrom: a@example.org\r\nCc: c@example.org\r\nCc: d@example.org\r\n"
                + "X-Custom: 1\r\nContent-Type: text/plain\r\n\r\nb\r\n";
        Map<String, String> plain = TestVerifier.tags(field(sign(ed().build(), m)).getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("from:cc:cc:content-type", plain.get("h").replace(" ", ""));
        byte[] over = sign(ed().oversign(true).build(), m);
        assertEquals("from:cc:cc:content-type:from:to:subject:date",
                TestVerifier.tags(field(over).getBytes(StandardCharsets.ISO_8859_1)).get("h").replace(" ", ""));
        assertTrue(verifies(over, 0, ed));
        String added = "Subject: added later\r\n" + new String(over, StandardCharsets.ISO_8859_1);
        assertFalse(verifies(added.getBytes(StandardCharsets.ISO_8859_1), 0, ed));
        byte[] custom = sign(ed().headers(List.of("From", "X-Custom")).build(), m);
        assertEquals("from:x-custom", TestVerifier.tags(field(custom).getBytes(StandardCharsets.ISO_8859_1)).get("h"));
        assertThrows(IllegalArgumentException.class, () -> ed().headers(List.of("Subject")));
        assertThrows(IllegalArgumentException.class, () -> ed().headers(List.of("From", "X\r\nBcc")));
    }

    @Test
    void bothListUnsubscribeFieldsAreSignedEvenWithACustomHeaderList() throws Exception {
        byte[] composed = dev.sendmail.api.Message.builder().from("a@example.org").to("b@example.net").subject("s")
                .text("t").listUnsubscribe(java.net.URI.create("https://example.org/u?id=1"),
                        java.util.Optional.empty()).build().content().open().readAllBytes();
        String m = new String(composed, StandardCharsets.ISO_8859_1);
        byte[] custom = sign(ed().headers(List.of("From", "Subject")).build(), m);
        assertEquals("from:subject:list-unsubscribe:list-unsubscribe-post",
                TestVerifier.tags(field(custom).getBytes(StandardCharsets.ISO_8859_1)).get("h").replace(" ", ""));
        assertTrue(verifies(custom, 0, ed));
        String h = TestVerifier.tags(field(sign(ed().build(), m)).getBytes(StandardCharsets.ISO_8859_1)).get("h")
                .replace(" ", "");
        assertTrue(List.of(h.split(":")).containsAll(List.of("list-unsubscribe", "list-unsubscribe-post")), h);
    }

    @Test
    void timestampAndOptionalExpiry() throws Exception {
        Map<String, String> t = TestVerifier.tags(field(sign(ed().build(), MESSAGE)).getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("1700000000", t.get("t"));
        assertFalse(t.containsKey("x"));
        assertFalse(t.containsKey("l"));
        Map<String, String> x = TestVerifier.tags(field(sign(ed().expireAfter(Duration.ofDays(7)).build(), MESSAGE))
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Long.toString(1_700_000_000L + 7 * 86400), x.get("x"));
    }

    @Test
    void twoKeysAddTwoSignaturesInOnePass() throws Exception {
        int[] opens = {0};
        byte[] bytes = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        MessageContent counted = new MessageContent() {
            @Override
            public InputStream open() {
                opens[0]++;
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public OptionalLong size() {
                return OptionalLong.of(bytes.length);
            }
        };
        DkimSigner both = DkimSigner.builder(rsa, "rsa", "example.org").build().and(ed().build());
        MessageContent signed = both.sign(counted);
        assertEquals(1, opens[0]);
        byte[] out = signed.open().readAllBytes();
        String text = new String(out, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("DKIM-Signature: v=1; a=rsa-sha256;"), text);
        assertTrue(text.contains("\r\nDKIM-Signature: v=1; a=ed25519-sha256;"), text);
        assertTrue(verifies(out, 0, rsa));
        assertTrue(verifies(out, 1, ed));
    }

    @Test
    void traitsAndSizeCountTheAddedField() throws Exception {
        MessageContent original = MessageContent.of(MESSAGE);
        MessageContent signed = ed().build().sign(original);
        int added = field(signed.open().readAllBytes()).length();
        assertEquals(original.size().getAsLong() + added, signed.size().getAsLong());
        ContentTraits t = signed.traits();
        assertEquals(original.traits().wireSize() + added, t.wireSize());
        assertEquals(dev.sendmail.api.ContentScanner.scan(signed.open()), t);
    }

    @Test
    void selectorAndDomainAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> DkimSigner.builder(ed, "se l", "example.org"));
        assertThrows(IllegalArgumentException.class, () -> DkimSigner.builder(ed, "sel;x=1", "example.org"));
        assertThrows(IllegalArgumentException.class, () -> DkimSigner.builder(ed, "sel", "example.org\r\nBcc: x"));
        assertThrows(IllegalArgumentException.class, () -> DkimSigner.builder(ed, "sel", ""));
        Map<String, String> t;
        try {
            t = TestVerifier.tags(field(sign(DkimSigner.builder(ed, "s1.mail", "bücher.example").clock(CLOCK).build(),
                    MESSAGE)).getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals("xn--bcher-kva.example", t.get("d"));
        assertEquals("s1.mail", t.get("s"));
    }
}
