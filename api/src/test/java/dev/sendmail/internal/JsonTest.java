package dev.sendmail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapes() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u007f\\u2028é😀\"", Json.quote("a\"b\\c\n\r\t\u0001\u007f\u2028é😀"));
        assertEquals("\"\\u0085\\u009b31m\\u2029\"", Json.quote("\u0085\u009b31m\u2029"), "C1 too");
        assertEquals("\"\\ud800x\"", Json.quote("\ud800x"), "a lone surrogate is escaped, not emitted");
        assertEquals("\"x\\udc00\\ud800\"", Json.quote("x\udc00\ud800"), "a low one first, a high one last");
    }

    @Test
    void objects() {
        assertEquals("{\"a\":\"x\",\"b\":1,\"c\":true,\"d\":null,\"e\":[1]}",
                new Json().field("a", "x").field("b", 1).field("c", true).field("d", (String) null).raw("e", "[1]")
                        .toString());
        assertEquals("{}", new Json().toString());
    }

    @Test
    void stringArrays() {
        assertEquals("[\"a\",\"b\\\"c\"]", Json.strings(java.util.List.of("a", "b\"c")));
        assertEquals("[]", Json.strings(java.util.List.of()));
    }
}
