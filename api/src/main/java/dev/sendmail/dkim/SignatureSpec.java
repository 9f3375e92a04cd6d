package dev.sendmail.dkim;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one signature of a {@link DkimSigner} says: the key, selector and signing domain, the canonicalizations,
 * the header fields to sign (lower case), whether to oversign, and the lifetime for {@code x=}.
 */
record SignatureSpec(DkimKey key, String selector, String domain, Canonicalization header,
                     Canonicalization body, List<String> headers, boolean oversign, Optional<Duration> expiry) {
}
