package dev.sendmail.config;

import dev.sendmail.api.TlsMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The warnings for server settings that put a message or a password at risk: certificates not checked, TLS off, a
 * password sent in clear text. Each warning names the setting that made the choice, as given: {@code tlsMode(OFF)}
 * for a builder call, {@code tls off in FILE line N} for a line of a configuration file ({@link Account#setting}),
 * {@code --tls=off} for a front end's option, so the reader knows what to change. {@link ServerSettingsBuilder#build()} hands them to its warnings consumer.
 */
final class DangerousSettings {

    private DangerousSettings() {
    }

    /**
     * @param s the settings, defaults applied
     * @param tlsSetting where the TLS mode was set
     * @param trustSetting where certificate checks were turned off
     * @param authSetting where the SASL mechanisms were named
     * @return one line per dangerous choice, without a {@code warning:} prefix; empty when there is none
     */
    static List<String> of(ServerSettings s, String tlsSetting, String trustSetting, String authSetting) {
        List<String> out = new ArrayList<>();
        TlsMode mode = s.security().tlsMode();
        if (s.security().trust().insecure()) {
            out.add(trustSetting + ": server certificates and host names are NOT checked; "
                    + "anyone on the path can read and change this mail and take any password");
        }
        if (mode == TlsMode.OFF) {
            out.add(tlsSetting + ": this mail (and any password) travels in clear text");
        }
        // without named mechanisms the transport refuses to send a password over a connection without TLS
        if (mode == TlsMode.OFF && s.auth().user().isPresent() && s.routing().smartHost().isPresent()
                && !s.auth().mechanisms().isEmpty()) {
            out.add(tlsSetting + " with " + authSetting + ": the password is sent in clear text");
        }
        return out;
    }
}
