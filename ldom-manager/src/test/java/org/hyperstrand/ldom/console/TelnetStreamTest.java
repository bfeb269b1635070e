package org.hyperstrand.ldom.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class TelnetStreamTest {

    private static String data(TelnetStream t, int... bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b : bytes) {
            int d = t.accept(b);
            if (d != TelnetStream.NONE) {
                out.write(d);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void negotiationAndSubnegotiationDisappear() {
        TelnetStream t = new TelnetStream(true);
        assertEquals("ab", data(t, 'a', 255, 253, 1, 255, 250, 24, 1, 255, 240, 255, 241, 'b'));
    }

    @Test
    void iacIacIsOneDataByte() {
        assertEquals("\u00ff", data(new TelnetStream(true), 255, 255));
    }

    @Test
    void aServerFoldsEnterIntoOneCarriageReturnAClientDoesNot() {
        assertEquals("x\ry\rz", data(new TelnetStream(true), 'x', '\r', 0, 'y', '\r', '\n', 'z'));
        assertEquals("x\r\ny", data(new TelnetStream(false), 'x', '\r', '\n', 'y'));
    }
}
