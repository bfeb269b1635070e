package org.hyperstrand.x86.cpu;

import static org.hyperstrand.x86.cpu.X86Arch.ATTR_DPL_SHIFT;
import static org.hyperstrand.x86.cpu.X86Arch.ATTR_L;
import static org.hyperstrand.x86.cpu.X86Arch.ATTR_P;
import static org.hyperstrand.x86.cpu.X86Arch.ATTR_S;
import static org.hyperstrand.x86.cpu.X86Arch.ATTR_TYPE_CODE;
import static org.hyperstrand.x86.cpu.X86Arch.ATTR_TYPE_WRITABLE;
import static org.hyperstrand.x86.cpu.X86Arch.CS;
import static org.hyperstrand.x86.cpu.X86Arch.GP;
import static org.hyperstrand.x86.cpu.X86Arch.NP;
import static org.hyperstrand.x86.cpu.X86Arch.SS;
import static org.hyperstrand.x86.cpu.X86Arch.SS_VECTOR;

import org.hyperstrand.x86.exec.Flags;

/**
 * Segmentation as far as 64-bit mode keeps it: descriptor lookups in the GDT (and an LDT, if
 * one is loaded), the checks of segment-register loads, LTR/LLDT, far returns (RETF) and IRET
 * with their privilege changes, and the fixed flat segments SYSCALL and SYSRET load.
 *
 * <p>In 64-bit mode the bases of CS, DS, ES and SS are 0 and limits are not checked; only FS
 * and GS have bases (from a descriptor, 32 bits, or from the FS_BASE/GS_BASE MSRs). Loading a
 * null selector into FS or GS keeps the base, as AMD processors do. Only 64-bit code segments
 * can be entered: a transfer to a 16- or 32-bit code segment (compatibility mode) stops the CPU
 * as unsupported.
 */
public final class Segments {

    private Segments() {
    }

    private static int dpl(int attr) {
        return (attr >>> ATTR_DPL_SHIFT) & 3;
    }

    /** The 8-byte descriptor of {@code sel}; #GP(selector) beyond the table. */
    public static long descriptor(X86State s, int sel) {
        int index = sel & ~7;
        if ((sel & 4) != 0) {
            if ((s.ldtrSel & ~3) == 0 || index + 7 > s.ldtrLimit) {
                throw s.fault(GP, sel & 0xfffc);
            }
            return s.mem.readSystem(s.ldtrBase + index, 3);
        }
        if (index + 7 > s.gdtLimit) {
            throw s.fault(GP, sel & 0xfffc);
        }
        return s.mem.readSystem(s.gdtBase + index, 3);
    }

    private static void setAccessed(X86State s, int sel, long desc) {
        if ((desc & (1L << 40)) == 0 && (sel & 4) == 0) {
            s.mem.writeSystem(s.gdtBase + (sel & ~7) + 5, 0, (desc >>> 40) | 1);
        }
    }

    /** MOV to ES, SS, DS, FS, GS (and POP FS/GS): the protected-mode checks, then the load. */
    public static void loadData(X86State s, int seg, int sel) {
        if ((sel & ~3) == 0) {
            if (seg == SS && (s.cpl == 3 || (sel & 3) != s.cpl)) {
                throw s.fault(GP, 0);
            }
            s.segSel[seg] = sel;
            s.segAttr[seg] = seg == SS ? (s.cpl << ATTR_DPL_SHIFT) : 0;
            return;
        }
        long desc = descriptor(s, sel);
        int attr = X86Arch.packAttributes(desc);
        int rpl = sel & 3;
        boolean code = (attr & ATTR_TYPE_CODE) != 0;
        if ((attr & ATTR_S) == 0) {
            throw s.fault(GP, sel & 0xfffc);
        }
        if (seg == SS) {
            if (code || (attr & ATTR_TYPE_WRITABLE) == 0 || rpl != s.cpl || dpl(attr) != s.cpl) {
                throw s.fault(GP, sel & 0xfffc);
            }
            if ((attr & ATTR_P) == 0) {
                throw s.fault(SS_VECTOR, sel & 0xfffc);
            }
        } else {
            boolean readable = !code || (attr & ATTR_TYPE_WRITABLE) != 0;
            boolean conforming = code && (attr & 4) != 0;
            if (!readable || (!conforming && dpl(attr) < Math.max(s.cpl, rpl))) {
                throw s.fault(GP, sel & 0xfffc);
            }
            if ((attr & ATTR_P) == 0) {
                throw s.fault(NP, sel & 0xfffc);
            }
        }
        setAccessed(s, sel, desc);
        s.segSel[seg] = sel;
        s.segAttr[seg] = attr | 1;
        s.segLimit[seg] = X86Arch.descriptorLimit(desc);
        if (seg == X86Arch.FS || seg == X86Arch.GS) {
            s.segBase[seg] = X86Arch.descriptorBase(desc);
        }
    }

    /**
     * Checks the code segment {@code sel} a far return or IRET goes to (privilege {@code sel & 3})
     * and returns its attributes.
     */
    private static int checkReturnCode(X86State s, int sel) {
        if ((sel & ~3) == 0) {
            throw s.fault(GP, 0);
        }
        long desc = descriptor(s, sel);
        int attr = X86Arch.packAttributes(desc);
        int rpl = sel & 3;
        if ((attr & ATTR_S) == 0 || (attr & ATTR_TYPE_CODE) == 0 || rpl < s.cpl) {
            throw s.fault(GP, sel & 0xfffc);
        }
        boolean conforming = (attr & 4) != 0;
        if (conforming ? dpl(attr) > rpl : dpl(attr) != rpl) {
            throw s.fault(GP, sel & 0xfffc);
        }
        if ((attr & ATTR_P) == 0) {
            throw s.fault(NP, sel & 0xfffc);
        }
        if ((attr & ATTR_L) == 0) {
            throw s.unsupported("a return to a 16/32-bit code segment (compatibility mode)");
        }
        return attr;
    }

    /** Checks the stack segment loaded when returning to privilege {@code rpl}; returns its attributes. */
    private static int checkReturnStack(X86State s, int sel, int rpl) {
        if ((sel & ~3) == 0) {
            if (rpl == 3) {
                throw s.fault(GP, 0);
            }
            return rpl << ATTR_DPL_SHIFT;
        }
        long desc = descriptor(s, sel);
        int attr = X86Arch.packAttributes(desc);
        if ((sel & 3) != rpl || (attr & ATTR_S) == 0 || (attr & ATTR_TYPE_CODE) != 0
                || (attr & ATTR_TYPE_WRITABLE) == 0 || dpl(attr) != rpl) {
            throw s.fault(GP, sel & 0xfffc);
        }
        if ((attr & ATTR_P) == 0) {
            throw s.fault(SS_VECTOR, sel & 0xfffc);
        }
        return attr;
    }

    /**
     * IRET with operand size {@code size} (2 = IRETD, 3 = IRETQ, 1 = 16-bit): pops RIP, CS,
     * RFLAGS, RSP and SS (64-bit mode always pops all five) and returns to the same or an outer
     * privilege level.
     */
    public static void iret(X86State s, int size) {
        if ((s.flags & X86Arch.NT) != 0) {
            throw s.fault(GP, 0);                               // no task returns in long mode
        }
        int bytes = 1 << size;
        long sp = s.r[X86State.RSP];
        long rip = s.mem.read(sp, size);
        int cs = (int) s.mem.read(sp + bytes, size) & 0xffff;
        long rflags = s.mem.read(sp + 2L * bytes, size);
        long rsp = s.mem.read(sp + 3L * bytes, size);
        int ss = (int) s.mem.read(sp + 4L * bytes, size) & 0xffff;
        int rpl = cs & 3;
        int csAttr = checkReturnCode(s, cs);
        int ssAttr = checkReturnStack(s, ss, rpl);
        long writable = X86Arch.FLAGS_WRITABLE | X86Arch.VIF | X86Arch.VIP;
        if (s.cpl > 0) {
            writable &= ~(X86Arch.IOPL | X86Arch.VIF | X86Arch.VIP);
            if (s.cpl > s.iopl()) {
                writable &= ~X86Arch.IF;
            }
        }
        if (size == 1) {
            writable &= 0xffff;
        }
        long old = Flags.rflags(s);
        Flags.setRflags(s, (old & ~writable) | (rflags & writable));
        returnTo(s, cs, csAttr, rip, ss, ssAttr, rsp);
    }

    /** RETF with operand size {@code size}, releasing {@code release} bytes of arguments. */
    public static void farReturn(X86State s, int size, int release) {
        int bytes = 1 << size;
        long sp = s.r[X86State.RSP];
        long rip = s.mem.read(sp, size);
        int cs = (int) s.mem.read(sp + bytes, size) & 0xffff;
        int rpl = cs & 3;
        int csAttr = checkReturnCode(s, cs);
        if (rpl == s.cpl) {
            returnTo(s, cs, csAttr, rip, s.segSel[SS], s.segAttr[SS], sp + 2L * bytes + release);
            return;
        }
        long rsp = s.mem.read(sp + 2L * bytes + release, size);
        int ss = (int) s.mem.read(sp + 3L * bytes + release, size) & 0xffff;
        int ssAttr = checkReturnStack(s, ss, rpl);
        returnTo(s, cs, csAttr, rip, ss, ssAttr, rsp + release);
    }

    private static void returnTo(X86State s, int cs, int csAttr, long rip, int ss, int ssAttr, long rsp) {
        int oldCpl = s.cpl;
        int rpl = cs & 3;
        s.segSel[CS] = cs;
        s.segAttr[CS] = csAttr;
        s.segSel[SS] = ss;
        s.segAttr[SS] = ssAttr;
        s.r[X86State.RSP] = rsp;
        s.rip = rip;
        s.setCpl(rpl);
        if (rpl > oldCpl) {
            for (int seg = 0; seg < 6; seg++) {
                if (seg == CS || seg == SS) {
                    continue;
                }
                int attr = s.segAttr[seg];
                boolean dataOrNonConforming = (attr & ATTR_TYPE_CODE) == 0 || (attr & 4) == 0;
                if ((s.segSel[seg] & ~3) != 0 && dataOrNonConforming && dpl(attr) < rpl) {
                    s.segSel[seg] = 0;
                    s.segAttr[seg] = 0;
                }
            }
        }
        s.codeVPage = -1;
    }

    /** LTR: loads TR from an available 64-bit TSS descriptor and marks it busy. */
    public static void ltr(X86State s, int sel) {
        if ((sel & ~3) == 0) {
            throw s.fault(GP, 0);
        }
        if ((sel & 4) != 0) {
            throw s.fault(GP, sel & 0xfffc);
        }
        long lo = descriptor(s, sel);
        int attr = X86Arch.packAttributes(lo);
        if ((attr & ATTR_S) != 0 || (attr & 0xf) != 9 || (sel & ~7) + 15 > s.gdtLimit) {
            throw s.fault(GP, sel & 0xfffc);
        }
        if ((attr & ATTR_P) == 0) {
            throw s.fault(NP, sel & 0xfffc);
        }
        long hi = s.mem.readSystem(s.gdtBase + (sel & ~7) + 8, 3);
        s.mem.writeSystem(s.gdtBase + (sel & ~7) + 5, 0, (lo >>> 40) | 2);
        s.trSel = sel;
        s.trBase = X86Arch.descriptorBase(lo) | (hi << 32);
        s.trLimit = X86Arch.descriptorLimit(lo);
        s.trAttr = attr | 2;
    }

    /** LLDT: loads LDTR from an LDT descriptor; a null selector leaves no LDT. */
    public static void lldt(X86State s, int sel) {
        if ((sel & ~3) == 0) {
            s.ldtrSel = 0;
            s.ldtrAttr = 0;
            return;
        }
        if ((sel & 4) != 0) {
            throw s.fault(GP, sel & 0xfffc);
        }
        long lo = descriptor(s, sel);
        int attr = X86Arch.packAttributes(lo);
        if ((attr & ATTR_S) != 0 || (attr & 0xf) != 2 || (sel & ~7) + 15 > s.gdtLimit) {
            throw s.fault(GP, sel & 0xfffc);
        }
        if ((attr & ATTR_P) == 0) {
            throw s.fault(NP, sel & 0xfffc);
        }
        long hi = s.mem.readSystem(s.gdtBase + (sel & ~7) + 8, 3);
        s.ldtrSel = sel;
        s.ldtrBase = X86Arch.descriptorBase(lo) | (hi << 32);
        s.ldtrLimit = X86Arch.descriptorLimit(lo);
        s.ldtrAttr = attr;
    }

    /** Attributes of a flat 64-bit code segment with privilege {@code dpl}, as SYSCALL/SYSRET load. */
    public static int flatCode(int dpl) {
        return 0xb | ATTR_S | (dpl << ATTR_DPL_SHIFT) | ATTR_P | ATTR_L | X86Arch.ATTR_G;
    }

    /** Attributes of a flat writable data segment with privilege {@code dpl}. */
    public static int flatData(int dpl) {
        return 0x3 | ATTR_S | (dpl << ATTR_DPL_SHIFT) | ATTR_P | X86Arch.ATTR_DB | X86Arch.ATTR_G;
    }
}
