package dev.sendmail.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class RefusingPortTest {

    @Test
    void aConnectionIsRefused() throws Exception {
        try (RefusingPort port = RefusingPort.open(); Socket s = new Socket()) {
            assertThrows(ConnectException.class,
                    () -> s.connect(new InetSocketAddress(port.address(), port.port()), 5_000));
        }
    }

    @Test
    void noServerCanTakeThePortWhileItIsHeld() throws Exception {
        try (RefusingPort port = RefusingPort.open(); ServerSocket other = new ServerSocket()) {
            assertThrows(java.net.BindException.class,
                    () -> other.bind(new InetSocketAddress(port.address(), port.port())));
        }
    }
}
