package dev.sendmail.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bounded JSON reader with the answers token endpoints give and hostile ones. */
class JsonTest {

    @Test
    void readsATokenResponse() throws Exception {
        Map<String, Object> m = Json.parseObject(" {\"access_token\":\"a.b-c\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3599,\"ext_expires_in\":\"3599\",\"scope\":\"x y\",\"id\":null,\"ok\":true,"
                + "\"n\":[1,-2.5e3,{}],\"esc\":\"\\u00e9\\n\\\"\\/\"}\r\n");
        assertEquals("a.b-c", m.get("access_token"));
        assertEquals(3599L, m.get("expires_in"));
        assertEquals("3599", m.get("ext_expires_in"));
        assertEquals(Json.NULL, m.get("id"));
        assertEquals(Boolean.TRUE, m.get("ok"));
        assertEquals(List.of(1L, -2500.0, Map.of()), m.get("n"));
        assertEquals("\u00e9\n\"/", m.get("esc"));
    }

    @Test
    void refusesHostileInputWithAPositionAndWithoutTheText() {
        for (String bad : List.of("", "{", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":1}x", "{\"a\":01}", "{\"a\":-}",
                "{\"a\":1.}", "{\"a\":1e}", "{\"a\":\"x\ny\"}", "{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}",
                "{\"a\":tru}", "{\"a\":1,\"a\":2}", "{a:1}", "'a'", "{\"a\":\"secret", "[1 2]", "{\"a\":[}")) {
            Json.MalformedJsonException e = assertThrows(Json.MalformedJsonException.class, () -> Json.parse(bad), bad);
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
            assertTrue(e.getMessage().startsWith("malformed JSON at character "), e.getMessage());
        }
        assertThrows(Json.MalformedJsonException.class, () -> Json.parseObject("[]"));
    }

    @Test
    void boundsSizeDepthAndMembers() throws Exception {
        String deep = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Json.parse(deep);
        assertTrue(assertThrows(Json.MalformedJsonException.class, () -> Json.parse("[" + deep + "]"))
                .getMessage().contains("nested deeper"));
        assertThrows(Json.MalformedJsonException.class,
                () -> Json.parse("\"" + "x".repeat(Json.MAX_CHARS) + "\""));
        String many = "[" + "0,".repeat(Json.MAX_MEMBERS) + "0]";
        assertTrue(assertThrows(Json.MalformedJsonException.class, () -> Json.parse(many)).getMessage()
                .contains("members"));
    }

    @Test
    void randomInputOnlyEverFailsWithMalformedJson() {
        String[] pieces = {"{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "00e9", "1", "-", ".", "e", "true",
                "null", "fals", " ", "\n", "\"a\"", "\"access_token\"", "\u0000", "\ud83d", "1e999", "99999999999999999999"};
        Random r = new Random(20261201L);
        int ok = 0;
        for (int i = 0; i < 20000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = r.nextInt(30); j > 0; j--) {
                sb.append(pieces[r.nextInt(pieces.length)]);
            }
            try {
                Json.parse(sb.toString());
                ok++;
            } catch (Json.MalformedJsonException e) {
                assertTrue(e.getMessage().startsWith("malformed JSON") || e.getMessage().startsWith("JSON"),
                        e.getMessage());
            }
        }
        assertTrue(ok > 10, "the generator makes some valid documents: " + ok);
    }
}
