package dev.sendmail.cli;

/** The version of send-mail, from the jar manifest (or "development" when run from classes). */
final class Version {

    private Version() {
    }

    static String get() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }
}
