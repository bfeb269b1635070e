package org.hyperstrand.x86.dev;

import static org.hyperstrand.x86.dev.Uart16550.DLL;
import static org.hyperstrand.x86.dev.Uart16550.DLM;
import static org.hyperstrand.x86.dev.Uart16550.FCR;
import static org.hyperstrand.x86.dev.Uart16550.IER;
import static org.hyperstrand.x86.dev.Uart16550.IIR;
import static org.hyperstrand.x86.dev.Uart16550.LCR;
import static org.hyperstrand.x86.dev.Uart16550.LSR;
import static org.hyperstrand.x86.dev.Uart16550.MCR;
import static org.hyperstrand.x86.dev.Uart16550.MSR;
import static org.hyperstrand.x86.dev.Uart16550.RBR;
import static org.hyperstrand.x86.dev.Uart16550.SCR;
import static org.hyperstrand.x86.dev.Uart16550.THR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.hyperstrand.core.svc.Console;
import org.junit.jupiter.api.Test;

/** The 16550A model as a guest's serial driver sees it. */
class Uart16550Test {

    private final Console console = new Console();
    private final Uart16550 uart = new Uart16550(console);

    /** The init sequence of kvm-unit-tests' lib/x86 serial driver: 115200 8N1, no FIFO, DTR+RTS. */
    private void kvmUnitTestsInit() {
        uart.write(LCR, uart.read(LCR) | 0x80);
        uart.write(DLL, 0x01);
        uart.write(DLM, 0x00);
        uart.write(LCR, uart.read(LCR) & ~0x80);
        uart.write(IER, 0x00);
        uart.write(LCR, 0x03);
        uart.write(FCR, 0x00);
        uart.write(MCR, 0x03);
    }

    /** Polled transmit as such a driver does it: wait for THRE, '\n' preceded by '\r'. */
    private void putString(String s) {
        for (char c : s.toCharArray()) {
            if (c == '\n') {
                putChar('\r');
            }
            putChar(c);
        }
    }

    private void putChar(char c) {
        int spins = 0;
        while ((uart.read(LSR) & 0x20) == 0) {
            assertTrue(++spins < 1000, "THRE never set");
        }
        uart.write(THR, c);
    }

    private String output() {
        return new String(console.recent(), StandardCharsets.ISO_8859_1);
    }

    private void type(String s) {
        for (char c : s.toCharArray()) {
            console.type(c);
        }
    }

    @Test
    void kvmUnitTestsInitThenTransmitReachesConsole() {
        kvmUnitTestsInit();
        putString("Hello, serial\n");
        assertEquals("Hello, serial\r\n", output());
        assertEquals(0x03, uart.read(LCR));
        assertEquals(0x03, uart.read(MCR));
        assertEquals(0x01, uart.read(IIR)); // no FIFO, nothing pending
    }

    @Test
    void linuxStyleInitWithFifos() {
        uart.write(LCR, 0x83);
        uart.write(DLL, 0x01);
        uart.write(DLM, 0x00);
        uart.write(LCR, 0x03);
        uart.write(FCR, 0xc7); // enable, clear both, trigger 14
        uart.write(MCR, 0x0b); // DTR, RTS, OUT2
        uart.write(IER, 0x05); // RX data + line status
        assertEquals(0xc1, uart.read(IIR)); // FIFOs enabled, nothing pending
        putString("ok\n");
        assertEquals("ok\r\n", output());
        uart.write(FCR, 0x00);
        assertEquals(0x01, uart.read(IIR));
    }

    @Test
    void wideValuesAreMaskedAndOffsetsChecked() {
        uart.write(THR, 0x141);
        assertEquals("A", output());
        uart.write(SCR, 0xfff);
        assertEquals(0xff, uart.read(SCR));
        assertThrows(IllegalArgumentException.class, () -> uart.read(8));
        assertThrows(IllegalArgumentException.class, () -> uart.write(-1, 0));
        assertEquals(0x3f8, Uart16550.COM1);
        assertEquals(8, Uart16550.PORTS);
    }

    @Test
    void divisorLatchReadsBack() {
        uart.write(LCR, 0x80);
        assertEquals(12, uart.read(DLL)); // reset divisor: 9600 baud
        assertEquals(0, uart.read(DLM));
        uart.write(DLL, 0x34);
        uart.write(DLM, 0x12);
        assertEquals(0x34, uart.read(DLL));
        assertEquals(0x12, uart.read(DLM));
        assertEquals(0, console.written()); // a DLL write is not a transmit
        uart.write(LCR, 0x03);
        assertEquals(0x00, uart.read(IER)); // DLM write did not reach IER
        uart.write(IER, 0xff);
        assertEquals(0x0f, uart.read(IER)); // IER bits 7:4 read as 0
        uart.write(IER, 0);
        uart.write(LCR, 0x83);
        assertEquals(0x34, uart.read(DLL));
        assertEquals(0x12, uart.read(DLM));
    }

    @Test
    void lineStatusBits() {
        assertEquals(0x60, uart.read(LSR)); // THRE and TEMT, no data
        uart.write(THR, 'x');
        assertEquals(0x60, uart.read(LSR)); // transmit is instantaneous
        console.type('y');
        assertEquals(0x61, uart.read(LSR));
        assertEquals('y', uart.read(RBR));
        assertEquals(0x60, uart.read(LSR));
        uart.write(LSR, 0x00); // ignored
        assertEquals(0x60, uart.read(LSR));
    }

    @Test
    void receiveFromConsole() {
        kvmUnitTestsInit();
        type("hi");
        StringBuilder got = new StringBuilder();
        while ((uart.read(LSR) & 0x01) != 0) {
            got.append((char) uart.read(RBR));
        }
        assertEquals("hi", got.toString());
        assertEquals(0, uart.read(LSR) & 0x01);
        assertEquals('i', uart.read(RBR)); // an empty RBR reads its last byte
        assertEquals(0, uart.read(LSR) & 0x01);
    }

    @Test
    void inputBeyondTheFifoWaitsInTheConsole() {
        uart.write(FCR, 0x01);
        String text = "0123456789abcdefghijklmnopqrstuvwxyz";
        type(text);
        StringBuilder got = new StringBuilder();
        while ((uart.read(LSR) & 0x01) != 0) {
            got.append((char) uart.read(RBR));
        }
        assertEquals(text, got.toString());
        assertEquals(0, uart.read(LSR) & 0x02); // no overrun
        assertEquals(Integer.MIN_VALUE, console.read());
    }

    @Test
    void breakAndHangup() {
        console.type(-1); // BREAK
        assertEquals(0x71, uart.read(LSR)); // DR + BI
        assertEquals(0x61, uart.read(LSR)); // BI cleared by the read; DR stays until RBR is read
        assertEquals(0x00, uart.read(RBR));

        assertEquals(0xb0, uart.read(MSR)); // CTS, DSR, DCD
        console.type(-2); // HUP
        assertEquals(0x60, uart.read(LSR));
        assertEquals(0x38, uart.read(MSR)); // DCD dropped, DDCD
        assertEquals(0x30, uart.read(MSR));
        console.type('a');
        assertEquals(0x61, uart.read(LSR));
        assertEquals(0xb8, uart.read(MSR)); // carrier back
        assertEquals('a', uart.read(RBR));
    }

    @Test
    void breakInFifoShowsWhenItReachesTheTop() {
        uart.write(FCR, 0x01);
        console.type('a');
        console.type(-1);
        assertEquals(0xe1, uart.read(LSR)); // DR, error in FIFO, no BI yet
        assertEquals('a', uart.read(RBR));
        assertEquals(0xf1, uart.read(LSR)); // the break character is on top
        assertEquals(0xe1, uart.read(LSR));
        assertEquals(0, uart.read(RBR));
        assertEquals(0x60, uart.read(LSR));
    }

    @Test
    void loopback() {
        kvmUnitTestsInit();
        console.type('c');
        uart.write(MCR, 0x10);
        uart.write(THR, 'L');
        assertEquals(0, console.written());
        assertEquals(0x61, uart.read(LSR));
        assertEquals('L', uart.read(RBR)); // the console byte was not taken in loopback
        assertEquals(0x60, uart.read(LSR));

        // Non-FIFO overrun: the second byte overwrites the first.
        uart.write(THR, '1');
        uart.write(THR, '2');
        assertEquals(0x63, uart.read(LSR));
        assertEquals('2', uart.read(RBR));
        assertEquals(0x60, uart.read(LSR));

        // FIFO overrun: the 17th byte is lost.
        uart.write(FCR, 0x07);
        for (int i = 0; i < 17; i++) {
            uart.write(THR, 'A' + i);
        }
        assertEquals(0x63, uart.read(LSR));
        for (int i = 0; i < 16; i++) {
            assertEquals('A' + i, uart.read(RBR));
        }
        assertEquals(0x60, uart.read(LSR));

        uart.write(MCR, 0x03);
        assertEquals(0x61, uart.read(LSR));
        assertEquals('c', uart.read(RBR));
        uart.write(THR, 'o');
        assertEquals("o", output());
    }

    @Test
    void modemStatusFollowsMcrInLoopback() {
        uart.read(MSR);
        uart.write(MCR, 0x1a); // loop, RTS, OUT2: the Linux probe expects CTS + DCD
        assertEquals(0x90, uart.read(MSR) & 0xf0);
        uart.write(MCR, 0x1f);
        assertEquals(0xf2, uart.read(MSR)); // all four; DSR changed (DDSR), RI rose (no TERI)
        uart.write(MCR, 0x10);
        assertEquals(0x0f, uart.read(MSR)); // all dropped: RI's trailing edge sets TERI
        assertEquals(0x00, uart.read(MSR));
        uart.write(MCR, 0x00);
        assertEquals(0xbb, uart.read(MSR)); // back to the console's line: CTS, DSR, DCD
        uart.write(MCR, 0xff);
        assertEquals(0x1f, uart.read(MCR)); // MCR bits 7:5 read as 0
    }

    @Test
    void interruptIdentificationPriorities() {
        uart.read(MSR);
        uart.write(MCR, 0x10); // loopback, outputs off: DCTS, DDSR, DDCD
        uart.write(THR, '1');
        uart.write(THR, '2'); // overrun
        assertEquals(0x01, uart.read(IIR)); // IER gates everything
        uart.write(IER, 0x0f);
        assertEquals(0x06, uart.read(IIR)); // receiver line status
        assertEquals(0x06, uart.read(IIR)); // ... until LSR is read
        assertEquals(0x63, uart.read(LSR));
        assertEquals(0x04, uart.read(IIR)); // received data available
        assertEquals(0x04, uart.read(IIR)); // ... until RBR is read (THRE not cleared meanwhile)
        assertEquals('2', uart.read(RBR));
        assertEquals(0x02, uart.read(IIR)); // THR empty, cleared by this read
        assertEquals(0x00, uart.read(IIR)); // modem status
        assertEquals(0x0b, uart.read(MSR));
        assertEquals(0x01, uart.read(IIR));
    }

    @Test
    void fifoTriggerLevelAndCharacterTimeout() {
        uart.write(FCR, 0x41); // FIFO on, trigger level 4
        uart.write(IER, 0x01);
        type("abc");
        assertEquals(0xcc, uart.read(IIR)); // below the trigger: character timeout
        console.type('d');
        assertEquals(0xc4, uart.read(IIR)); // at the trigger: data available
        assertEquals('a', uart.read(RBR));
        assertEquals(0xcc, uart.read(IIR));
        uart.read(RBR);
        uart.read(RBR);
        uart.read(RBR);
        assertEquals(0xc1, uart.read(IIR));
    }

    @Test
    void thrEmptyInterrupt() {
        assertEquals(0x01, uart.read(IIR));
        uart.write(IER, 0x02); // enabling with the THR empty raises it
        assertEquals(0x02, uart.read(IIR));
        assertEquals(0x01, uart.read(IIR)); // cleared by reading IIR
        uart.write(IER, 0x02); // ETBEI already set: no new edge
        assertEquals(0x01, uart.read(IIR));
        uart.write(THR, 'a'); // clears it, and the instant transmit empties the THR again
        assertEquals(0x02, uart.read(IIR));
        assertEquals(0x01, uart.read(IIR));
        uart.write(IER, 0x00);
        uart.write(IER, 0x02);
        assertEquals(0x02, uart.read(IIR));

        // Reading IIR while a higher source is reported leaves THRE pending.
        uart.write(IER, 0x00);
        uart.write(IER, 0x03);
        console.type('z');
        assertEquals(0x04, uart.read(IIR));
        assertEquals('z', uart.read(RBR));
        assertEquals(0x02, uart.read(IIR));
        assertEquals(0x01, uart.read(IIR));
    }

    @Test
    void scratchRegister() {
        assertEquals(0, uart.read(SCR));
        uart.write(SCR, 0x5a);
        assertEquals(0x5a, uart.read(SCR));
        uart.write(SCR, 0xa5);
        assertEquals(0xa5, uart.read(SCR));
        assertEquals(0, console.written());
    }

    @Test
    void interruptLineIsGatedByIerAndOut2() {
        console.type('k');
        assertFalse(uart.interruptPending()); // IER = 0
        uart.write(IER, 0x01);
        assertFalse(uart.interruptPending()); // OUT2 clear
        uart.write(MCR, 0x08);
        assertTrue(uart.interruptPending());
        assertEquals(0x04, uart.read(IIR));
        assertEquals('k', uart.read(RBR));
        assertFalse(uart.interruptPending());
        console.type('m'); // noticed by polling the line alone
        assertTrue(uart.interruptPending());
        uart.read(RBR);
        assertFalse(uart.interruptPending());

        uart.write(IER, 0x03); // THRE
        assertTrue(uart.interruptPending());
        uart.read(IIR);
        assertFalse(uart.interruptPending());

        uart.write(MCR, 0x18); // loopback forces OUT2 inactive
        uart.write(THR, 'q');
        assertEquals(0x04, uart.read(IIR)); // the UART still reports it...
        assertFalse(uart.interruptPending()); // ...but the line is gated
        uart.write(MCR, 0x08);
        assertTrue(uart.interruptPending());
    }

    @Test
    void resetRestoresPowerOnState() {
        uart.write(LCR, 0x83);
        uart.write(DLL, 1);
        uart.write(LCR, 0x03);
        uart.write(IER, 0x0f);
        uart.write(FCR, 0x01);
        uart.write(MCR, 0x1f);
        uart.write(THR, 'x');
        uart.reset();
        assertEquals(0, uart.read(LCR));
        assertEquals(0, uart.read(IER));
        assertEquals(0, uart.read(MCR));
        assertEquals(0x01, uart.read(IIR));
        assertEquals(0x60, uart.read(LSR));
        assertEquals(0xb0, uart.read(MSR));
        uart.write(LCR, 0x80);
        assertEquals(12, uart.read(DLL));
    }
}
