package dev.sendmail.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Ready when the server sends its {@code 220 } greeting on a mapped port. Docker's port proxy accepts
 * connections before the server listens, so a bare port check is not enough.
 */
final class SmtpBannerWait extends AbstractWaitStrategy {

    private final int port;

    SmtpBannerWait(int port) {
        this.port = port;
        withStartupTimeout(Duration.ofSeconds(60));
    }

    @Override
    protected void waitUntilReady() {
        Instant end = Instant.now().plus(startupTimeout);
        String host = waitStrategyTarget.getHost();
        int mapped = waitStrategyTarget.getMappedPort(port);
        String last = "no answer";
        while (Instant.now().isBefore(end)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, mapped), 1000);
                s.setSoTimeout(2000);
                String line = readLine(s.getInputStream());
                if (line.startsWith("220")) {
                    return;
                }
                last = line.isEmpty() ? "connection closed before a greeting" : line;
            } catch (IOException e) {
                last = e.toString();
            }
            pause();
        }
        throw new ContainerLaunchException("no SMTP greeting on port " + port + " within " + startupTimeout
                + ": " + last);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n' && b.length() < 1000; ) {
            b.append((char) c);
        }
        return b.toString().strip();
    }

    private static void pause() {
        // polling an external process that gives no notification; not test synchronisation
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerLaunchException("interrupted while waiting for the SMTP greeting");
        }
    }
}
