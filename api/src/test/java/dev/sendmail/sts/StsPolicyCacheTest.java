package dev.sendmail.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StsPolicyCacheTest {

    private static final StsPolicy POLICY = StsPolicy.parse("version: STSv1\nmode: enforce\nmx: *.example.org\n"
            + "max_age: 3600\n");
    private static final Instant T = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void keepsAPolicyPrivatelyAndReadsItBack() throws IOException {
        Path dir = tmp.resolve("cache/mta-sts");
        StsPolicyCache cache = new StsPolicyCache(dir);
        assertEquals(Optional.empty(), cache.read("example.org"));
        cache.write(new CachedPolicy("example.org", "id1", T, POLICY));
        CachedPolicy back = cache.read("EXAMPLE.org").orElseThrow();
        assertEquals(new CachedPolicy("example.org", "id1", T, POLICY), back);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("example.org.policy"))));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aNewerPolicyReplacesTheOld() throws IOException {
        StsPolicyCache cache = new StsPolicyCache(tmp);
        cache.write(new CachedPolicy("example.org", "id1", T, POLICY));
        StsPolicy testing = StsPolicy.parse("version: STSv1\nmode: testing\nmx: mx.example.org\nmax_age: 60\n");
        cache.write(new CachedPolicy("example.org", "id2", T.plusSeconds(5), testing));
        assertEquals(new CachedPolicy("example.org", "id2", T.plusSeconds(5), testing),
                cache.read("example.org").orElseThrow());
    }

    @Test
    void expiryIsFetchTimePlusMaxAge() {
        CachedPolicy p = new CachedPolicy("example.org", "id1", T, POLICY);
        assertEquals(T.plusSeconds(3600), p.expires());
        assertTrue(p.isValidAt(T.plusSeconds(3599)));
        assertFalse(p.isValidAt(T.plusSeconds(3600)));
    }

    @Test
    void aDamagedFileCountsAsAbsent() throws IOException {
        StsPolicyCache cache = new StsPolicyCache(tmp);
        cache.write(new CachedPolicy("example.org", "id1", T, POLICY));
        Path file = tmp.resolve("example.org.policy");
        String good = Files.readString(file);
        for (String bad : new String[] {"", "garbage", good.replace("id: id1", "id: bad-id"),
                good.replace("fetched: ", "fetched: x"), good.replace("domain: example.org", "domain: other.org"),
                good.replace("mode: enforce", "mode: sometimes"), good.replace("\n\n", "\n")}) {
            Files.writeString(file, bad, StandardCharsets.UTF_8);
            assertEquals(Optional.empty(), cache.read("example.org"), bad);
        }
    }

    @Test
    void aSymbolicLinkIsNeverFollowed() throws IOException {
        StsPolicyCache cache = new StsPolicyCache(tmp);
        Path target = tmp.resolve("elsewhere");
        new StsPolicyCache(target).write(new CachedPolicy("example.org", "id1", T, POLICY));
        Files.createSymbolicLink(tmp.resolve("example.org.policy"), target.resolve("example.org.policy"));
        assertThrows(IOException.class, () -> cache.read("example.org"));
    }

    @Test
    void aDirectoryOthersCanWriteIsRefused() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        StsPolicyCache cache = new StsPolicyCache(dir);
        IOException e = assertThrows(IOException.class,
                () -> cache.write(new CachedPolicy("example.org", "id1", T, POLICY)));
        assertTrue(e.getMessage().contains("writable by others"), e.getMessage());
    }

    @Test
    void onlyDomainNamesBecomeFileNames() {
        StsPolicyCache cache = new StsPolicyCache(tmp);
        assertThrows(IllegalArgumentException.class, () -> cache.read("../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> cache.read("a/b"));
    }
}
