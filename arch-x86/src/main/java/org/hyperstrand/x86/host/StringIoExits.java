package org.hyperstrand.x86.host;

import static org.hyperstrand.x86.svm.VmcbLayout.*;

import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86Fault;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.mmu.X86Memory;
import org.hyperstrand.x86.svm.Vmcb;

/**
 * The IOIO exit of INS and OUTS, with or without REP, emulated as KVM's instruction emulator
 * does it: everything the instruction needs is in EXITINFO1 (reference/amd-v-svm.md 2.2:
 * direction, REP, operand size, address size, and for OUTS the effective segment), the
 * registers and RFLAGS.DF; EXITINFO2 is the next RIP.
 *
 * <p>Each iteration moves one operand between the {@link PortBus} and guest memory at the
 * guest's linear address rDI (INS, segment ES) or segment base + rSI (OUTS), then steps the
 * index register by the operand size, backwards when DF is set, and for REP counts rCX down.
 * The address size (0x67 prefix) chooses the width of rSI, rDI and rCX, as for the CPU's own
 * string instructions. The CPU runs 64-bit code only, where ES, CS, SS and DS have base 0; an
 * FS or GS override adds that base.
 *
 * <p>Guest memory is reached through the vCPU's own memory path: after the #VMEXIT the CPU
 * still holds the guest's paging state ({@code SvmUnit}'s lazy switch), so each access goes
 * through the guest's page tables at its CPL and then the nested tables, exactly as the
 * guest's own access would, with the same accessed and dirty bits and the same care for
 * stores into decoded code. INS checks that the destination is writable before it reads the
 * port, so a fault never loses a received byte.
 *
 * <p>Iterations commit one by one. A fault in the middle leaves rSI, rDI and rCX at the
 * faulting iteration and RIP at the instruction, and is raised in the guest: #PF with its error
 * code and CR2, #GP(0) for a non-canonical address; a guest-physical address outside the
 * domain's memory raises #MC as the NPF exit does ({@link EventExits#machineCheck}). REP with
 * rCX = 0 does nothing. At most {@link #MAX_ITERATIONS} iterations run per exit; with more
 * left, RIP stays at the instruction and the guest executes it again, as KVM's emulator
 * re-enters the guest every 1024 iterations, so a huge count cannot hold the host CPU.
 */
final class StringIoExits {

    private StringIoExits() {
    }

    /** Iterations of a repeated INS or OUTS per exit. */
    static final int MAX_ITERATIONS = 1024;

    private static final long ADDR32 = 1 << 8;
    private static final long ADDR64 = 1 << 9;
    private static final int SEG_SHIFT = 10;

    static int stringIo(X86Vcpu v, long info) {
        Vmcb m = v.vmcb();
        if (!v.cpu().svm().holdsGuestState(m)) {
            return v.fail("string I/O exit without the guest's state in the CPU (hypervisor bug)");
        }
        X86State s = v.cpu().state();
        X86Memory mem = s.mem;
        GuestPlatform platform = v.platform();
        boolean in = (info & IoExits.TYPE_IN) != 0;
        int port = (int) (info >>> 16) & 0xffff;
        int bytes = (int) (info >>> 4) & 7;
        int size = Integer.numberOfTrailingZeros(bytes);
        int addrSize = (info & ADDR64) != 0 ? 3 : (info & ADDR32) != 0 ? 2 : 1;
        long addrMask = X86State.MASK[addrSize];
        int index = in ? X86State.RDI : X86State.RSI;
        long base = in ? 0 : segmentBase(s, (int) (info >>> SEG_SHIFT) & 7);
        long step = (m.get64(RFLAGS) & X86Arch.DF) != 0 ? -bytes : bytes;
        boolean rep = (info & IoExits.REP) != 0;
        long count = rep ? s.r[X86State.RCX] & addrMask : 1;
        long done = 0;
        try {
            while (count != 0 && done < MAX_ITERATIONS) {
                long la = base + (s.r[index] & addrMask);
                if (in) {
                    mem.probeWrite(la, size);
                    mem.write(la, size, PortBus.in(platform, port, bytes));
                } else {
                    PortBus.out(platform, port, bytes, mem.read(la, size));
                }
                s.setReg(index, addrSize, s.r[index] + step);
                count = (count - 1) & addrMask;
                if (rep) {
                    s.setReg(X86State.RCX, addrSize, count);
                }
                done++;
            }
        } catch (X86Fault f) {
            v.resumeRepeating(done);
            return raiseInGuest(v, s);
        }
        if (count != 0) {
            v.resumeRepeating(done);
            return ExitHandler.RESUME;
        }
        v.resumeRepeating(done - 1);
        v.resumeAt(m.get64(EXITINFO2));                          // IOIO's next RIP
        return ExitHandler.RESUME;
    }

    /** The base of segment {@code seg} (EXITINFO1 SEG: ES, CS, SS, DS, FS, GS) in 64-bit mode. */
    private static long segmentBase(X86State s, int seg) {
        return seg == X86Arch.FS || seg == X86Arch.GS ? s.segBase[seg] : 0;
    }

    /** The fault a guest access raised, delivered to the guest (or the domain stopped). */
    private static int raiseInGuest(X86Vcpu v, X86State s) {
        switch (s.faultVector) {
            case X86Arch.PF_VECTOR:
                v.vmcb().set64(CR2, s.faultAddress);             // EVENTINJ does not write CR2
                v.dirty |= CLEAN_CR2;
                v.injectException(X86Arch.PF_VECTOR, s.faultError);
                return ExitHandler.RESUME;
            case X86Arch.GP:
                v.injectException(X86Arch.GP, 0);
                return ExitHandler.RESUME;
            case X86State.NESTED_PAGE_FAULT:
                return EventExits.machineCheck(v, s.faultAddress, s.npfInfo1);
            default:
                return v.fail("string I/O: guest-physical address 0x" + Long.toHexString(s.faultAddress)
                        + " is outside host memory (fault " + s.faultVector + ")");
        }
    }
}
