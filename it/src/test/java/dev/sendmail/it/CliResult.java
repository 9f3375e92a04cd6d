package dev.sendmail.it;

import java.util.List;

/** What one run of the CLI gave: the exit code and both output streams. */
record CliResult(List<String> args, int exit, String stdout, String stderr) {

    /** For assertion messages: the command line and everything it printed. */
    String describe() {
        return "send-mail " + String.join(" ", args) + "\n  exit " + exit + "\n  stdout: " + stdout.strip()
                + "\n  stderr: " + stderr.strip();
    }
}
