package org.hyperstrand.ldom.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.core.svc.Console;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleServerTest {

    private static final PortRange PORTS = new PortRange(47200, 47299);

    private ConsoleServer server;
    private final Console console = new Console();
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        server = ConsoleServer.open("ldg1", PORTS);
        server.attach(console);
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    private Socket connect() throws IOException, InterruptedException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(5000);
        sockets.add(s);
        readUntil(s, "Press ~? for control options ..\r\n");
        for (int i = 0; i < 500 && server.clients() < sockets.size(); i++) {
            Thread.sleep(10);
        }
        return s;
    }

    /** Reads (without telnet negotiation) until {@code text} has arrived; returns all of it. */
    private static String readUntil(Socket s, String text) throws IOException {
        InputStream in = s.getInputStream();
        TelnetStream telnet = new TelnetStream(false);
        StringBuilder got = new StringBuilder();
        while (!got.toString().contains(text)) {
            int raw = in.read();
            if (raw < 0) {
                break;
            }
            int b = telnet.accept(raw);
            if (b != TelnetStream.NONE) {
                got.append((char) b);
            }
        }
        assertTrue(got.toString().contains(text), "never got '" + text + "'; got: " + got);
        return got.toString();
    }

    private static void type(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private String typedSoFar(int expected) throws InterruptedException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 500 && b.length() < expected; i++) {
            int c = console.read();
            if (c == Integer.MIN_VALUE) {
                Thread.sleep(10);
            } else {
                b.append(c < 0 ? "<" + c + ">" : String.valueOf((char) c));
            }
        }
        return b.toString();
    }

    @Test
    void theGreetingOffersCharacterModeAndNamesTheConsole() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        sockets.add(s);
        s.setSoTimeout(5000);
        byte[] first = s.getInputStream().readNBytes(6);
        assertEquals(new String(TelnetStream.SERVER_GREETING, StandardCharsets.ISO_8859_1),
                new String(first, StandardCharsets.ISO_8859_1));
        assertTrue(readUntil(s, "..\r\n").startsWith("Connecting to console \"ldg1\" in group \"ldg1\" ....\r\n"));
    }

    @Test
    void everyClientSeesTheGuestsOutputWithTelnetNewlines() throws Exception {
        Socket a = connect();
        Socket b = connect();
        for (byte c : "boot\nok\n".getBytes(StandardCharsets.US_ASCII)) {
            console.write(c);
        }
        assertEquals("boot\r\nok\r\n", readUntil(a, "ok\r\n"));
        assertEquals("boot\r\nok\r\n", readUntil(b, "ok\r\n"));
    }

    @Test
    void onlyTheFirstClientTypesUntilAnotherTakesWriteAccess() throws Exception {
        Socket first = connect();
        Socket second = connect();
        type(first, "ls\r\n");
        assertEquals("ls\r", typedSoFar(3), "Enter arrives as one CR");
        type(second, "x");
        readUntil(second, "You do not have write access\r\n");
        type(second, "~w");
        readUntil(second, "You do not have write access\r\n"); // not at the start of a line: typed, refused
        type(second, "\r~w");
        readUntil(second, "You have write access.");
        type(second, "y");
        assertEquals("y", typedSoFar(1));
        type(first, "z");
        readUntil(first, "You do not have write access\r\n");
    }

    @Test
    void tildeCommandsAtTheStartOfALine() throws Exception {
        Socket s = connect();
        type(s, "~?");
        readUntil(s, "~. - Exit from this console");
        type(s, "~#");
        assertEquals("<-1>", typedSoFar(4), "a break");
        type(s, "a~b\r~~");
        assertEquals("a~b\r~~", typedSoFar(6), "a tilde inside a line, or not followed by a command, goes through");
        type(s, "\r~.");
        readUntil(s, "Disconnected from the console.");
        assertEquals("\r\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1),
                "then the server closed the connection");
    }

    @Test
    void aDetachedConsoleKeepsClientsAndTheNextRunReachesThem() throws Exception {
        Socket s = connect();
        server.detach();
        console.write('x'); // the old run: nobody sees it
        Console next = new Console();
        server.attach(next);
        next.write('y');
        assertEquals("y", readUntil(s, "y"));
    }

    @Test
    void closingGivesThePortBack() {
        int port = server.port();
        assertTrue(java.util.Arrays.stream(PORTS.free()).noneMatch(p -> p == port));
        server.close();
        assertTrue(java.util.Arrays.stream(PORTS.free()).anyMatch(p -> p == port));
    }
}
