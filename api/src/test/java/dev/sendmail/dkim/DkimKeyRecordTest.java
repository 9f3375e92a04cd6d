package dev.sendmail.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The DKIM key record parser on the RFC's shapes and on hostile ones. */
class DkimKeyRecordTest {

    private static DkimKeyRecord parse(String s) throws DkimException {
        return DkimKeyRecord.parse(s);
    }

    private static String refused(String s) {
        DkimException e = assertThrows(DkimException.class, () -> parse(s), s);
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void theUsualRecordWithDefaults() throws Exception {
        DkimKeyRecord r = parse("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
        assertEquals("ed25519", r.keyType());
        assertEquals("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", r.publicKey());
        assertEquals(32, r.publicKeyOctets().length);
        assertTrue(r.allowsSha256() && r.allowsEmail() && !r.testing() && !r.revoked());
        DkimKeyRecord minimal = parse("p=YWJj");
        assertEquals("rsa", minimal.keyType(), "k= defaults to rsa");
        assertEquals(List.of("*"), minimal.serviceTypes());
    }

    @Test
    void whiteSpaceAndFoldingAroundTagsAndInsideP() throws Exception {
        DkimKeyRecord r = parse(" v = DKIM1 ;\r\n\tk=rsa;  t = y : s ; h= sha1 : sha256;p= YW\r\n Jj ZGVm ;");
        assertEquals("YWJjZGVm", r.publicKey());
        assertEquals(List.of("y", "s"), r.flags());
        assertEquals(List.of("sha1", "sha256"), r.hashAlgorithms());
        assertTrue(r.testing());
        assertTrue(r.allowsSha256());
    }

    @Test
    void revokedRestrictedAndUnknownTags() throws Exception {
        assertTrue(parse("v=DKIM1; p=").revoked());
        assertFalse(parse("h=sha1; p=YWJj").allowsSha256());
        assertFalse(parse("s=other; p=YWJj").allowsEmail());
        assertTrue(parse("s=email:other; p=YWJj").allowsEmail());
        assertEquals("YWJj", parse("x_future=anything goes; n=a note; p=YWJj").publicKey());
    }

    @Test
    void syntaxErrorsAreOneLineRefusals() {
        assertTrue(refused("v=DKIM1; k=rsa").contains("no p="));
        assertTrue(refused("k=rsa; v=DKIM1; p=YWJj").contains("first"));
        assertTrue(refused("v=DKIM2; p=YWJj").contains("DKIM2"));
        assertTrue(refused("p=YWJj; p=ZGVm").contains("twice"));
        assertTrue(refused("v=DKIM1;; p=YWJj").contains("empty tag"));
        assertTrue(refused("v=DKIM1; junk; p=YWJj").contains("without '='"));
        assertTrue(refused("1k=rsa; p=YWJj").contains("tag name"));
        assertTrue(refused("p=YW*j").contains("base64"));
        assertTrue(refused("p=YWJj; h=sha256::sha1").contains("h= list"));
        assertTrue(refused("p=YWJj; t=y s").contains("t= list"));
        assertTrue(refused("p=YWJj; k=").contains("empty k="));
        assertTrue(refused("").contains("empty tag"));
        assertTrue(refused("p=YWJj\u0000").contains("0x0"));
        assertTrue(refused("p=YWJj; n=caf\u00e9").contains("0xe9"));
        assertTrue(refused("p=" + "A".repeat(DkimKeyRecord.MAX_LENGTH)).contains("at most"));
        assertTrue(refused("p=YWJj" + ";a=b".repeat(DkimKeyRecord.MAX_TAGS)).contains("more than"));
    }
}
