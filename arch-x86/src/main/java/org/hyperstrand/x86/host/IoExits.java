package org.hyperstrand.x86.host;

import static org.hyperstrand.x86.svm.VmcbLayout.*;

import org.hyperstrand.x86.svm.Vmcb;

/**
 * The IOIO exit (EXITINFO1 as in reference/amd-v-svm.md 2.2): IN and OUT move RAX to or from
 * the {@link PortBus}; the string forms INS and OUTS go to {@link StringIoExits}.
 */
final class IoExits {

    private IoExits() {
    }

    static final long TYPE_IN = 1;
    static final long STRING = 1 << 2;
    static final long REP = 1 << 3;

    static int ioio(X86Vcpu v) {
        Vmcb m = v.vmcb();
        long info = m.get64(EXITINFO1);
        if ((info & STRING) != 0) {
            return StringIoExits.stringIo(v, info);
        }
        int port = (int) (info >>> 16) & 0xffff;
        int bytes = (int) (info >>> 4) & 7;
        long rax = m.get64(RAX);
        if ((info & TYPE_IN) != 0) {
            long value = PortBus.in(v.platform(), port, bytes);
            long mask = bytes == 4 ? 0xffff_ffffL : (1L << (8 * bytes)) - 1;
            // a 32-bit IN zero-extends into RAX; 8 and 16 bits keep the rest
            m.set64(RAX, bytes == 4 ? value : (rax & ~mask) | value);
        } else {
            PortBus.out(v.platform(), port, bytes, rax);
        }
        v.resumeAt(m.get64(EXITINFO2));                          // IOIO's next RIP
        return ExitHandler.RESUME;
    }
}
