package dev.sendmail.bench;

/** Sends the benchmark message once per call; {@code lane} is the calling thread's index (0..connections-1). */
interface MessageClient extends AutoCloseable {

    void send(int lane) throws Exception;

    @Override
    void close();

    /** A client by name: {@code angus}, {@code angus-static}, or the name of an installed transport provider. */
    static MessageClient create(BenchOptions o) throws Exception {
        return switch (o.client()) {
            case "angus" -> new AngusClient(o, true);
            case "angus-static" -> new AngusClient(o, false);
            default -> new TransportClient(o);
        };
    }
}
