package dev.sendmail.transport.jakarta;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/** The version of the Angus Mail jar in use, for {@code --list-providers}. */
final class AngusVersion {

    private static final String POM = "/META-INF/maven/org.eclipse.angus/angus-mail/pom.properties";

    private AngusVersion() {
    }

    static String get() {
        Module m = SMTPTransport.class.getModule();
        if (m.isNamed() && m.getDescriptor() != null && m.getDescriptor().rawVersion().isPresent()) {
            return m.getDescriptor().rawVersion().get();
        }
        try (InputStream in = SMTPTransport.class.getResourceAsStream(POM)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null) {
                    return v;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: the version is for display only
        }
        Package p = SMTPTransport.class.getPackage();
        return p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "unknown version";
    }
}
