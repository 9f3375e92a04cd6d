package dev.sendmail.it;

import com.github.dockerjava.api.exception.NotFoundException;
import java.util.HashSet;
import java.util.Set;
import org.testcontainers.DockerClientFactory;

/**
 * The integration tests need a Docker engine and the locally built images. Without them every test
 * fails with one clear line saying what to run; nothing is skipped silently.
 */
final class DockerRequired {

    static final String SETUP = "run `bash it/docker/setup.sh` as root (installs and starts Docker, builds the images)";

    private static final Set<String> checked = new HashSet<>();
    private static Boolean engine;

    private DockerRequired() {
    }

    /** Fails unless the engine answers and {@code image} exists locally. */
    static synchronized void image(String image) {
        if (engine == null) {
            engine = DockerClientFactory.instance().isDockerAvailable();
        }
        if (!engine) {
            throw new AssertionError("Docker is not reachable (DOCKER_HOST="
                    + System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock") + "): " + SETUP);
        }
        if (checked.contains(image)) {
            return;
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new AssertionError("Docker image " + image + " is missing (no registry here): " + SETUP);
        }
        checked.add(image);
    }
}
