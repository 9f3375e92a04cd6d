package dev.sendmail.it;

/**
 * The smart-host servers, each started once per test JVM and shared by every test class (starting a
 * server costs seconds; a message costs milliseconds). Tests keep apart by unique tokens.
 */
final class Servers {

    private static MailServer postfix;
    private static MailServer exim;
    private static MailServer opensmtpd;

    private Servers() {
    }

    static synchronized MailServer postfix() {
        if (postfix == null) {
            postfix = MailServer.start(MailServer.Kind.POSTFIX, "postfix.test");
        }
        return postfix;
    }

    static synchronized MailServer exim() {
        if (exim == null) {
            exim = MailServer.start(MailServer.Kind.EXIM, "exim.test");
        }
        return exim;
    }

    static synchronized MailServer opensmtpd() {
        if (opensmtpd == null) {
            opensmtpd = MailServer.start(MailServer.Kind.OPENSMTPD, "opensmtpd.test");
        }
        return opensmtpd;
    }

    static MailServer byKind(MailServer.Kind kind) {
        return switch (kind) {
            case POSTFIX -> postfix();
            case EXIM -> exim();
            case OPENSMTPD -> opensmtpd();
        };
    }
}
