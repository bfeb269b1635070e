package org.hyperstrand.ldom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperstrand.ldom.console.TelnetStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console concentrator as operators meet it: the CONS column, a telnet client, ldm console. */
class LdmConsoleTest extends RunningLdmd {

    @BeforeEach
    void addDomain() {
        ldmd.ok("add-domain", "arch=x86", "image=" + LdmdHarness.image("x86_64"), "vcpus=1", "memory=32M", "ldg1");
    }

    private int port() {
        Matcher m = Pattern.compile("\\|cons=(\\d*)\\|").matcher(ldmd.ok("list", "-p", "ldg1"));
        assertTrue(m.find());
        return m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1));
    }

    private static String readUntil(InputStream in, String text) throws IOException {
        TelnetStream telnet = new TelnetStream(false);
        StringBuilder got = new StringBuilder();
        int raw;
        while (!got.toString().contains(text) && (raw = in.read()) >= 0) {
            int b = telnet.accept(raw);
            if (b != TelnetStream.NONE) {
                got.append((char) b);
            }
        }
        assertTrue(got.toString().contains(text), "never got '" + text + "'; got: " + got);
        return got.toString();
    }

    @Test
    void aBoundDomainHasAPortInTheRangeAndAnInactiveOneNone() {
        assertEquals(0, port());
        ldmd.ok("bind", "ldg1");
        int port = port();
        assertTrue(port >= 47100 && port <= 47199, "port " + port);
        assertTrue(ldmd.ok("list").contains(" " + port + " "), ldmd.ok("list"));
        ldmd.ok("unbind", "ldg1");
        assertEquals(0, port());
        // not a refused connection: on a shared build machine another program may take the port next
        assertEquals("", ldmd.ok("list-services", "-p").replaceAll("(?s)^.*?\n.*?\n", ""),
                "no console uses the port any more");
    }

    @Test
    void aTelnetClientAttachedWhileBoundSeesTheGuestBoot() throws Exception {
        ldmd.ok("bind", "ldg1");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port())) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            readUntil(in, "Press ~? for control options ..\r\n");
            ldmd.ok("start", "ldg1");
            String seen = readUntil(in, "done\r\n");
            assertTrue(seen.startsWith("Hello from a Hyperstrand x86_64 guest!\r\n"), seen);
        }
    }

    @Test
    void ldmConsoleAttachesAndTildeDotDetaches() {
        ldmd.ok("bind", "ldg1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LdmMain.run(List.of("--state-dir", dir.toString(), "console", "ldg1"), dir,
                new ByteArrayInputStream("~.".getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertEquals("Connecting to console \"ldg1\" in group \"ldg1\" ....\r\nPress ~? for control options ..\r\n"
                + "\r\nDisconnected from the console.\r\n", out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void ldmConsoleOfADomainWithoutAPortSaysToBindIt() {
        LdmdHarness.Result r = ldmd.ldm("console", "ldg1");
        assertEquals(new LdmdHarness.Result(1, "",
                "ldm: domain ldg1 has no console port; bind it first: ldm bind-domain ldg1\n"), r);
        assertEquals(new LdmdHarness.Result(1, "", "ldm: domain nosuch does not exist\n"),
                ldmd.ldm("console", "nosuch"));
    }
}
