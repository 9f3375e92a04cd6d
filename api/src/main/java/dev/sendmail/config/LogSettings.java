package dev.sendmail.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * msmtp's log: one line per message in {@code logfile} ({@code -} for standard output) with a time in
 * {@code logfile_time_format}, and the same line without the time to syslog when {@code syslog} is on or names
 * a facility.
 *
 * @param file the log file; empty: none
 * @param toStdout {@code logfile -}: the line goes to standard output
 * @param timeFormat the strftime format of the time at the start of the line
 * @param syslogFacility {@code LOG_USER}, {@code LOG_MAIL}, {@code LOG_LOCAL0}..{@code LOG_LOCAL7}; empty: no syslog
 * @param fileSetting where the log file was set, for a warning about it ({@link Account#setting})
 * @param syslogSetting where syslog was set, for a warning about it ({@link Account#setting})
 */
public record LogSettings(Optional<Path> file, boolean toStdout, String timeFormat, Optional<String> syslogFacility,
                          String fileSetting, String syslogSetting) {

    /** msmtp's default time format. */
    public static final String DEFAULT_TIME_FORMAT = "%b %d %H:%M:%S";

    /** No log. */
    public static final LogSettings NONE = new LogSettings(Optional.empty(), false, DEFAULT_TIME_FORMAT,
            Optional.empty());

    /**
     * Settings whose origins are not known: warnings name the keys alone.
     *
     * @param file the log file; empty: none
     * @param toStdout {@code logfile -}: the line goes to standard output
     * @param timeFormat the strftime format of the time at the start of the line
     * @param syslogFacility the syslog facility; empty: no syslog
     */
    public LogSettings(Optional<Path> file, boolean toStdout, String timeFormat, Optional<String> syslogFacility) {
        this(file, toStdout, timeFormat, syslogFacility, "logfile", "syslog");
    }

    /** @return true when a line is written anywhere */
    public boolean enabled() {
        return file.isPresent() || toStdout || syslogFacility.isPresent();
    }

    /**
     * The log settings of {@code account}.
     *
     * @param account the account whose {@code logfile}, {@code logfile_time_format} and {@code syslog} are read
     * @param env expands a leading {@code ~} in the log file's path
     * @return the settings; {@link #NONE}'s values for keys the account does not set
     */
    public static LogSettings of(Account account, UserEnvironment env) {
        Optional<String> f = account.get(ConfigKey.LOGFILE).map(String::strip).filter(v -> !v.isEmpty());
        boolean stdout = f.isPresent() && f.get().equals("-");
        Optional<String> syslog = account.get(ConfigKey.SYSLOG).filter(v -> !v.equals("off"))
                .map(v -> v.equals("on") ? "LOG_USER" : v);
        String format = account.get(ConfigKey.LOGFILE_TIME_FORMAT).filter(v -> !v.isBlank())
                .orElse(DEFAULT_TIME_FORMAT);
        return new LogSettings(stdout ? Optional.empty() : f.map(env::expand), stdout, format, syslog,
                account.setting(ConfigKey.LOGFILE), account.setting(ConfigKey.SYSLOG));
    }
}
