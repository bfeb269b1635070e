package org.hyperstrand.x86.host;

import static org.hyperstrand.x86.svm.VmcbLayout.*;

import org.hyperstrand.x86.dev.Uart16550;
import org.hyperstrand.x86.svm.Vmcb;

/**
 * The IOIO exit (EXITINFO1 as in reference/amd-v-svm.md 2.2): COM1 is a 16550 UART wired to
 * the domain console; any other port reads all ones and ignores writes, as an ISA bus does
 * where nothing answers. Wider accesses to the UART are split into bytes.
 */
final class IoExits {

    private IoExits() {
    }

    private static final long TYPE_IN = 1;
    private static final long STRING = 1 << 2;

    static int ioio(X86Vcpu v) {
        Vmcb m = v.vmcb();
        long info = m.get64(EXITINFO1);
        int port = (int) (info >>> 16) & 0xffff;
        int bytes = (int) (info >>> 4) & 7;
        if ((info & STRING) != 0) {
            return v.fail("string I/O (INS/OUTS) to port 0x" + Integer.toHexString(port) + " is not emulated");
        }
        boolean in = (info & TYPE_IN) != 0;
        long rax = m.get64(RAX);
        long mask = bytes == 4 ? 0xffff_ffffL : (1L << (8 * bytes)) - 1;
        if (in) {
            long value = 0;
            for (int k = 0; k < bytes; k++) {
                value |= (long) readByte(v.platform().uart, port + k) << (8 * k);
            }
            // a 32-bit IN zero-extends into RAX; 8 and 16 bits keep the rest
            m.set64(RAX, bytes == 4 ? value : (rax & ~mask) | value);
        } else {
            for (int k = 0; k < bytes; k++) {
                writeByte(v.platform().uart, port + k, (int) (rax >>> (8 * k)) & 0xff);
            }
        }
        v.resumeAt(m.get64(EXITINFO2));                          // IOIO's next RIP
        return ExitHandler.RESUME;
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
