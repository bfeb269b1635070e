package org.hyperstrand.x86.host;

import org.hyperstrand.x86.dev.Uart16550;

/**
 * The domain's I/O port space as the IOIO handlers see it: COM1 is the 16550 UART wired to the
 * domain console; any other port reads all ones and ignores writes, as an ISA bus does where
 * nothing answers. A 16- or 32-bit access is split into byte accesses at consecutive ports, low
 * byte first, as the PC bus does for 8-bit devices.
 */
final class PortBus {

    private PortBus() {
    }

    /** IN of {@code bytes} (1, 2 or 4) bytes at {@code port}, zero-extended. */
    static long in(GuestPlatform p, int port, int bytes) {
        long value = 0;
        for (int k = 0; k < bytes; k++) {
            value |= (long) readByte(p.uart, port + k) << (8 * k);
        }
        return value;
    }

    /** OUT of the low {@code bytes} (1, 2 or 4) bytes of {@code value} at {@code port}. */
    static void out(GuestPlatform p, int port, int bytes, long value) {
        for (int k = 0; k < bytes; k++) {
            writeByte(p.uart, port + k, (int) (value >>> (8 * k)) & 0xff);
        }
    }

    private static int readByte(Uart16550 uart, int port) {
        int off = (port & 0xffff) - Uart16550.COM1;
        return off >= 0 && off < Uart16550.PORTS ? uart.read(off) : 0xff;
    }

    private static void writeByte(Uart16550 uart, int port, int value) {
        int off = (port & 0xffff) - Uart16550.COM1;
        if (off >= 0 && off < Uart16550.PORTS) {
            uart.write(off, value);
        }
    }
}
