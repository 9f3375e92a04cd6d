package dev.sendmail.resolver.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.ResolutionFailedException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.WireParseException;

class FailuresTest {

    private static String what(Throwable t) {
        LookupException e = Failures.ofThrowable(t, "MX example.test", "127.0.0.1:53");
        assertEquals(Reason.TEMPORARY, e.reason());
        return e.getMessage();
    }

    @Test
    void everyNetworkFailureIsTemporaryWithOneLine() {
        assertEquals("DNS query MX example.test timed out (127.0.0.1:53)",
                what(new ExecutionException(new CompletionException(new SocketTimeoutException("Query timed out")))));
        assertTrue(what(new TimeoutException()).contains("timed out"));
        assertTrue(what(new PortUnreachableException("x")).contains("unreachable"));
        assertTrue(what(new WireParseException("invalid message id: expected 1; got id 2")).contains("malformed answer"));
        assertTrue(what(new EOFException()).contains("connection closed"));
        assertTrue(what(new IOException("Connection refused")).contains("network error: Connection refused"));
        assertTrue(what(new IllegalStateException("bug\r\nInjected: yes")).contains("IllegalStateException: bug  Injected"));
        assertFalse(what(new IOException("a\nb".repeat(200))).contains("\n"));
        assertTrue(what(new IOException("x".repeat(1000))).length() < 300);
    }

    @Test
    void rcodes() {
        assertTrue(Failures.ofRcode(Rcode.SERVFAIL, "A h", "s").getMessage().contains("SERVFAIL"));
        assertTrue(Failures.ofRcode(Rcode.REFUSED, "A h", "s").getMessage().contains("REFUSED"));
        assertTrue(Failures.ofRcode(Rcode.NOTIMP, "A h", "s").getMessage().contains("NOTIMP"));
        assertTrue(Failures.ofRcode(Rcode.YXDOMAIN, "A h", "s").getMessage().contains("YXDOMAIN"));
        assertEquals(Reason.TEMPORARY, Failures.ofRcode(Rcode.SERVFAIL, "A h", "s").reason());
    }

    @Test
    void becomesAResolutionFailureForTheDomain() {
        ResolutionFailedException e = Failures.ofRcode(Rcode.SERVFAIL, "MX example.test", "s").toResolutionFailure("example.test");
        assertEquals("example.test", e.domain());
        assertTrue(e.isTransient());
        assertEquals("RESOLVE example.test: DNS query MX example.test server failure (SERVFAIL) (s)", e.getMessage());
    }

    @Test
    void theDetailHasNoControlCharacterC1AndSeparatorsIncluded() {
        assertEquals("bad  reply 31m x y", Failures.detail(new IOException("bad\r\nreply\u009b31m\u2028x\u0085y")));
    }
}
