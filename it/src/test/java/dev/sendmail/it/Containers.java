package dev.sendmail.it;

import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;

/**
 * Stops every container (and removes every network) this run started when the JVM exits. Ryuk (Testcontainers' reaper) cannot run
 * here because its image cannot be pulled, so nobody else would.
 */
final class Containers {

    private static final List<AutoCloseable> started = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Containers::stopAll, "sendmail-it-containers"));
    }

    private Containers() {
    }

    static synchronized void stopAtExit(AutoCloseable container) {
        started.add(container);
    }

    /** The address of a started container on its (only) network. */
    static String address(GenericContainer<?> container) {
        return container.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next()
                .getIpAddress();
    }

    private static synchronized void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("sendmail-it: could not stop a container: " + e);
            }
        }
        started.clear();
    }
}
