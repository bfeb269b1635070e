package org.hyperstrand.ldom.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * {@code ldm console NAME} at the terminal: connects to the domain's console port, shows what
 * the server sends (without its telnet negotiation) and sends what is typed, until the server
 * closes the connection ({@code ~.} at the start of a line asks it to). A terminal is put in raw
 * mode for the session so that keys go out at once, and restored after.
 */
public final class ConsoleClient {

    private ConsoleClient() {
    }

    /** Relays until the server closes; returns ldm's exit status. */
    public static int attach(int port, InputStream in, PrintStream out, PrintStream err) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
             RawTerminal terminal = RawTerminal.enter()) {
            OutputStream toServer = socket.getOutputStream();
            // what is typed goes out as it comes; this thread may stay blocked in a read of the
            // terminal when the server ends the session, so it must not keep the process alive
            Thread writer = new Thread(() -> copyToServer(in, socket, toServer), "console-writer");
            writer.setDaemon(true);
            writer.start();
            copyFromServer(socket, out);
            return 0;
        } catch (IOException e) {
            err.println("ldm: cannot reach the console on port " + port + ": " + e.getMessage());
            return 1;
        }
    }

    private static void copyToServer(InputStream in, Socket socket, OutputStream toServer) {
        byte[] buf = new byte[256];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                toServer.write(buf, 0, n);
                toServer.flush();
            }
            socket.shutdownOutput(); // the end of the input ends the session, as telnet does
        } catch (IOException e) {
            // the session ended
        }
    }

    private static void copyFromServer(Socket socket, PrintStream out) {
        TelnetStream telnet = new TelnetStream(false);
        try (InputStream in = socket.getInputStream()) {
            int raw;
            while ((raw = in.read()) >= 0) {
                int b = telnet.accept(raw);
                if (b != TelnetStream.NONE) {
                    out.write(b);
                    if (in.available() == 0) {
                        out.flush();
                    }
                }
            }
        } catch (IOException e) {
            // the connection ended
        }
        out.flush();
    }
}
