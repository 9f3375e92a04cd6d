/** A small application on send-mail's public API only. */
module com.example.app {
    requires dev.sendmail.api;
}
