package dev.sendmail.resolver.dns.internal;

import java.util.ServiceLoader;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * dnsjava logs through SLF4J (the 2.0 line: dnsjava 3.6 accepts slf4j-api 1.7 to 2.x, and one API line for the
 * whole suite lets an application's SLF4J 2 provider bind). With no provider at all, SLF4J itself prints a
 * three-line "no providers" notice on standard error the first time dnsjava logs: output on a library user's
 * console that nobody asked for. A library module must not ship a binding (slf4j-nop) to hide it, so instead,
 * only when the application has no SLF4J provider and has not set {@code slf4j.internal.verbosity} or
 * {@code slf4j.provider} itself, this sets {@code slf4j.internal.verbosity=ERROR} before dnsjava is first used.
 * An application that adds any provider (logback, slf4j-simple) sees dnsjava's log as usual.
 */
public final class QuietLogging {

    static final String VERBOSITY = "slf4j.internal.verbosity";

    private QuietLogging() {
    }

    /** Silences SLF4J's own notices when no provider is present and the application chose nothing. */
    public static void ensure() {
        try {
            if (System.getProperty(VERBOSITY) != null || System.getProperty("slf4j.provider") != null) {
                return;
            }
            ClassLoader loader = QuietLogging.class.getClassLoader();
            boolean provider = ServiceLoader.load(SLF4JServiceProvider.class, loader).stream().findAny().isPresent()
                    || ServiceLoader.load(SLF4JServiceProvider.class).stream().findAny().isPresent();
            if (!provider) {
                System.setProperty(VERBOSITY, "ERROR");
            }
        } catch (SecurityException | java.util.ServiceConfigurationError e) {
            // leave SLF4J as it is: at worst its notice is printed
        }
    }
}
