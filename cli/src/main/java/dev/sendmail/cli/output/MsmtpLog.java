package dev.sendmail.cli.output;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SmtpReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * msmtp's log line: {@code host=... tls=on|off auth=on|off [user=...] from=... recipients=a,b mailsize=N
 * smtpstatus=CODE smtpmsg='reply' [errormsg='why'] exitcode=EX_...}, one per message, with the time in front in
 * the log file (strftime format). Values are single-line: control characters become spaces and a single quote
 * inside a quoted value is written as {@code \'}.
 */
public final class MsmtpLog {

    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(0, "EX_OK"), Map.entry(64, "EX_USAGE"),
            Map.entry(65, "EX_DATAERR"), Map.entry(66, "EX_NOINPUT"), Map.entry(67, "EX_NOUSER"),
            Map.entry(68, "EX_NOHOST"), Map.entry(69, "EX_UNAVAILABLE"), Map.entry(70, "EX_SOFTWARE"),
            Map.entry(71, "EX_OSERR"), Map.entry(72, "EX_OSFILE"), Map.entry(73, "EX_CANTCREAT"),
            Map.entry(74, "EX_IOERR"), Map.entry(75, "EX_TEMPFAIL"), Map.entry(76, "EX_PROTOCOL"),
            Map.entry(77, "EX_NOPERM"), Map.entry(78, "EX_CONFIG"));

    private MsmtpLog() {
    }

    /**
     * The line without the time.
     *
     * @param host the smart host, or the host that answered (direct delivery)
     * @param tls whether TLS was asked for
     * @param user the user name authenticated as, if any
     * @param from the envelope sender ({@code <>} for the null sender)
     * @param size the message size in octets
     * @param report what happened to each recipient
     * @param exitCode the exit code of the run
     */
    public static String line(String host, boolean tls, Optional<String> user, String from, long size,
            DeliveryReport report, int exitCode) {
        StringBuilder sb = new StringBuilder();
        sb.append("host=").append(word(host)).append(" tls=").append(tls ? "on" : "off").append(" auth=")
                .append(user.isPresent() ? "on" : "off");
        user.ifPresent(u -> sb.append(" user=").append(word(u)));
        sb.append(" from=").append(word(from)).append(" recipients=")
                .append(report.outcomes().stream().map(o -> o.recipient().address()).collect(Collectors.joining(",")))
                .append(" mailsize=").append(size);
        List<RecipientOutcome> failed = report.outcomes().stream().filter(o -> !o.isDelivered()).toList();
        Optional<SmtpReply> reply = (failed.isEmpty() ? report.outcomes() : failed).stream()
                .map(RecipientOutcome::reply).flatMap(Optional::stream).reduce((a, b) -> failed.isEmpty() ? b : a);
        reply.ifPresent(r -> sb.append(" smtpstatus=").append(r.code()).append(" smtpmsg=")
                .append(quoted(r.toString())));
        if (!failed.isEmpty()) {
            sb.append(" errormsg=").append(quoted(failed.get(0).detail()));
        }
        sb.append(" exitcode=").append(NAMES.getOrDefault(exitCode, String.valueOf(exitCode)));
        return sb.toString();
    }

    /** The name of a sysexits code, as msmtp logs it ({@code EX_OK}, {@code EX_TEMPFAIL}, ...). */
    public static String exitName(int code) {
        return NAMES.getOrDefault(code, String.valueOf(code));
    }

    /** Appends {@code time + " " + line} to {@code file}, creating it (owner-only) when missing. */
    public static void append(Path file, String timeFormat, ZonedDateTime now, String line) {
        String text = strftime(timeFormat, now) + " " + line + "\n";
        try {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException | java.nio.file.FileAlreadyExistsException e) {
                    // not a POSIX file system, or created meanwhile: append below
                }
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The strftime conversions a log time uses: {@code %a %A %b %B %h %d %e %H %I %M %S %p %y %Y %m %j %Z %z %F %T
     * %D %R %%}; any other conversion is kept as written.
     */
    public static String strftime(String format, ZonedDateTime t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                sb.append(c);
                continue;
            }
            char n = format.charAt(++i);
            switch (n) {
                case 'a' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'A' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT));
                case 'b', 'h' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'B' -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT));
                case 'd' -> sb.append(String.format("%02d", t.getDayOfMonth()));
                case 'e' -> sb.append(String.format("%2d", t.getDayOfMonth()));
                case 'H' -> sb.append(String.format("%02d", t.getHour()));
                case 'I' -> sb.append(String.format("%02d", (t.getHour() + 11) % 12 + 1));
                case 'M' -> sb.append(String.format("%02d", t.getMinute()));
                case 'S' -> sb.append(String.format("%02d", t.getSecond()));
                case 'p' -> sb.append(t.getHour() < 12 ? "AM" : "PM");
                case 'y' -> sb.append(String.format("%02d", t.getYear() % 100));
                case 'Y' -> sb.append(t.getYear());
                case 'm' -> sb.append(String.format("%02d", t.getMonthValue()));
                case 'j' -> sb.append(String.format("%03d", t.getDayOfYear()));
                case 'Z' -> sb.append(t.getZone().getDisplayName(TextStyle.SHORT, Locale.ROOT));
                case 'z' -> sb.append(DateTimeFormatter.ofPattern("xx", Locale.ROOT).format(t));
                case 'F' -> sb.append(strftime("%Y-%m-%d", t));
                case 'T' -> sb.append(strftime("%H:%M:%S", t));
                case 'D' -> sb.append(strftime("%m/%d/%y", t));
                case 'R' -> sb.append(strftime("%H:%M", t));
                case '%' -> sb.append('%');
                default -> sb.append('%').append(n);
            }
        }
        return sb.toString();
    }

    private static String word(String s) {
        return clean(s).replace(' ', '_');
    }

    private static String quoted(String s) {
        return "'" + clean(s).replace("'", "\\'") + "'";
    }

    private static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7F ? ' ' : c);
        }
        return sb.toString();
    }
}
