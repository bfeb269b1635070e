package org.hyperstrand.sparc.hcall;

import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_ALIGN;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_SIZE;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FLAG_ALL;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FLAG_DMMU;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FLAG_IMMU;
import static org.hyperstrand.core.hcall.api.HvConstants.TSB_DESCR_ALIGN;
import static org.hyperstrand.core.hcall.api.HvConstants.TSB_DESCR_SIZE;
import static org.hyperstrand.core.hcall.api.HvErrors.EBADALIGN;
import static org.hyperstrand.core.hcall.api.HvErrors.EBADPGSZ;
import static org.hyperstrand.core.hcall.api.HvErrors.EBADTSB;
import static org.hyperstrand.core.hcall.api.HvErrors.EINVAL;
import static org.hyperstrand.core.hcall.api.HvErrors.ENORADDR;
import static org.hyperstrand.core.hcall.api.HvErrors.ENOTSUPPORTED;
import static org.hyperstrand.core.hcall.api.HvErrors.EOK;

import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.CoreHandler;
import org.hyperstrand.core.hcall.api.ForwardingCoreHandler;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.sparc.cpu.SparcCore;
import org.hyperstrand.sparc.mmu.Mmu;
import org.hyperstrand.sparc.mmu.TsbDescriptor;
import org.hyperstrand.sparc.mmu.Tte;
import org.hyperstrand.sparc.trap.TrapType;

/**
 * The core-group calls only the sun4v backend can serve: the MMU calls (TSBs, demaps,
 * permanent and hyper-fast mappings, the fault area, mmu_enable) and the real trap base. Every
 * other call goes to the architecture-neutral handler.
 *
 * <p>Each call acts on the calling CPU, found through the frame's caller. Every argument comes
 * from the guest and is checked first, in the order the spec lists the errors (and OpenSPARC's
 * hypervisor checks them); nothing a guest passes can make a call throw. Guest memory is read and
 * written only after its whole range was found to be the domain's real memory.
 */
public final class SparcMmuCalls extends ForwardingCoreHandler {

    /** Size of the real trap table RTBA points to: the reset vectors up to SIR (0x80), 8 x 32 bytes. */
    private static final long REAL_TRAP_TABLE_BYTES = 0x100;
    /** Smallest and largest TSB, in entries. */
    private static final long TSB_MIN_ENTRIES = 512;
    private static final long TSB_MAX_ENTRIES = 512L << 15;

    public SparcMmuCalls(CoreHandler neutral) {
        super(neutral);
    }

    private static SparcCore core(HcallFrame frame) {
        Object caller = frame.caller();
        if (caller instanceof Vcpu v && v.core() instanceof SparcCore c) {
            return c;
        }
        return null;
    }

    // ---- argument checks ----------------------------------------------------------------------

    private static boolean badFlags(long flags) {
        return flags == 0 || (flags & ~MMU_FLAG_ALL) != 0;
    }

    private static boolean badCtx(long ctx) {
        return Long.compareUnsigned(ctx, Mmu.CONTEXTS) >= 0;
    }

    private static boolean fetch(long flags) {
        return (flags & MMU_FLAG_IMMU) != 0;
    }

    private static boolean data(long flags) {
        return (flags & MMU_FLAG_DMMU) != 0;
    }

    private static RealMemoryMap realMemory(SparcCore c) {
        return c.state().guest.realMemory();
    }

    /** Copies {@code len} bytes of guest real memory at {@code ra}; the caller checked the range. */
    private static byte[] readGuest(SparcCore c, long ra, int len) {
        RealMemoryMap map = realMemory(c);
        PhysicalMemory memory = c.state().guest.memory();
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = (byte) memory.read8(map.toPhysical(ra + i, 1));
        }
        return out;
    }

    /** Copies bytes into guest real memory at {@code ra}; the caller checked the range. */
    private static void writeGuest(SparcCore c, long ra, byte[] bytes) {
        RealMemoryMap map = realMemory(c);
        PhysicalMemory memory = c.state().guest.memory();
        for (int i = 0; i < bytes.length; i++) {
            long pa = map.toPhysical(ra + i, 1);
            memory.write8(pa, bytes[i]);
            c.memoryWritten(pa, 1);  // drops decoded code of that page, if any
        }
    }

    // ---- real trap base -----------------------------------------------------------------------

    @Override
    public long cpuSetRtba(HcallFrame frame, long rtba) {
        SparcCore c = core(frame);
        if (c == null) {
            return ENOTSUPPORTED;
        }
        if ((rtba & 0xff) != 0) {
            return EBADALIGN;
        }
        if (!realMemory(c).isValid(rtba, REAL_TRAP_TABLE_BYTES)) {
            return ENORADDR;
        }
        frame.setResult(1, c.state().rtba);
        c.state().rtba = rtba;
        return EOK;
    }

    /**
     * mach_sir: a software-initiated reset of the domain. Every other CPU stops, the API
     * versions are forgotten, and the calling CPU restarts in the boot state at the SIR entry
     * of its real trap table, RTBA + 0x80 (trap type 0x04), with RTBA unchanged and the MMU
     * off; memory keeps its contents (sun4v API reference section 2.3).
     */
    @Override
    public long machSir(HcallFrame frame) {
        SparcCore c = core(frame);
        if (c == null) {
            return ENOTSUPPORTED;
        }
        Vcpu caller = (Vcpu) frame.caller();
        for (Vcpu v : caller.domain().vcpus()) {
            if (v != caller) {
                v.setState(org.hyperstrand.core.domain.VcpuState.STOPPED);
            }
        }
        caller.domain().versions().reset();
        long rtba = c.state().rtba;
        c.startAt(rtba + (TrapType.SOFTWARE_INITIATED_RESET << 5), 0, rtba);
        frame.markCallerRestarted();
        return EOK;
    }

    @Override
    public long cpuGetRtba(HcallFrame frame) {
        SparcCore c = core(frame);
        if (c == null) {
            return ENOTSUPPORTED;
        }
        frame.setResult(1, c.state().rtba);
        return EOK;
    }

    // ---- TSBs -----------------------------------------------------------------------------

    @Override
    public long mmuTsbCtx0(HcallFrame frame, long ntsb, long descriptors) {
        return configureTsbs(frame, true, ntsb, descriptors);
    }

    @Override
    public long mmuTsbCtxnon0(HcallFrame frame, long ntsb, long descriptors) {
        return configureTsbs(frame, false, ntsb, descriptors);
    }

    private static long configureTsbs(HcallFrame frame, boolean context0, long ntsb, long descriptors) {
        SparcCore c = core(frame);
        if (c == null) {
            return ENOTSUPPORTED;
        }
        Mmu mmu = c.mmu();
        mmu.walker().configure(context0, new TsbDescriptor[0]);  // an error leaves none configured
        if (ntsb == 0) {
            return EOK;
        }
        if (Long.compareUnsigned(ntsb, Mmu.MAX_TSBS) > 0) {
            return EINVAL;
        }
        if ((descriptors & (TSB_DESCR_ALIGN - 1)) != 0) {
            return EBADALIGN;
        }
        int n = (int) ntsb;
        if (!realMemory(c).isValid(descriptors, (long) n * TSB_DESCR_SIZE)) {
            return ENORADDR;
        }
        byte[] raw = readGuest(c, descriptors, n * TSB_DESCR_SIZE);
        TsbDescriptor[] tsbs = new TsbDescriptor[n];
        for (int i = 0; i < n; i++) {
            TsbDescriptor d = TsbDescriptor.parse(raw, i * TSB_DESCR_SIZE);
            long status = check(c, d);
            if (status != EOK) {
                return status;
            }
            tsbs[i] = d;
        }
        mmu.walker().configure(context0, tsbs);
        return EOK;
    }

    /** The checks of one descriptor (sun4v API reference, section 4.2), in OpenSPARC's order. */
    private static long check(SparcCore c, TsbDescriptor d) {
        if (!Tte.supportedSize(d.pgszIdx())) {
            return EBADPGSZ;
        }
        long bit = 1L << d.pgszIdx();
        if ((d.pgszMask() & bit) == 0 || (d.pgszMask() & (bit - 1)) != 0) {
            return EINVAL;
        }
        if (d.assoc() != 1) {
            return EBADTSB;
        }
        long n = d.numTtes();
        if ((n & (n - 1)) != 0 || n < TSB_MIN_ENTRIES || n > TSB_MAX_ENTRIES) {
            return EBADTSB;
        }
        if (!d.shared() && d.ctxIdx() > Mmu.MAX_CTX_INDEX) {
            return EINVAL;
        }
        if (d.resv() != 0) {
            return EINVAL;
        }
        if (!realMemory(c).isValid(d.base(), d.bytes())) {
            return ENORADDR;
        }
        if ((d.base() & (d.bytes() - 1)) != 0) {
            return EBADALIGN;
        }
        return EOK;
    }

    @Override
    public long mmuTsbCtx0Info(HcallFrame frame, long capacity, long buffer) {
        return tsbInfo(frame, true, capacity, buffer);
    }

    @Override
    public long mmuTsbCtxnon0Info(HcallFrame frame, long capacity, long buffer) {
        return tsbInfo(frame, false, capacity, buffer);
    }

    private static long tsbInfo(HcallFrame frame, boolean context0, long capacity, long buffer) {
        SparcCore c = core(frame);
        if (c == null) {
            return ENOTSUPPORTED;
        }
        TsbDescriptor[] tsbs = c.mmu().walker().tsbs(context0);
        frame.setResult(1, tsbs.length);
        if (tsbs.length == 0) {
            return EOK;
        }
        if (Long.compareUnsigned(capacity, tsbs.length) < 0) {
            return EINVAL;
        }
        if ((buffer & (TSB_DESCR_ALIGN - 1)) != 0) {
            return EBADALIGN;
        }
        if (!realMemory(c).isValid(buffer, (long) tsbs.length * TSB_DESCR_SIZE)) {
            return ENORADDR;
        }
        byte[] out = new byte[tsbs.length * TSB_DESCR_SIZE];
        for (int i = 0; i < tsbs.length; i++) {
            tsbs[i].write(out, i * TSB_DESCR_SIZE);
        }
        writeGuest(c, buffer, out);
        return EOK;
    }

    // ---- demaps -----------------------------------------------------------------------------

    @Override
    public long mmuDemapPage(HcallFrame frame, long reserved0, long reserved1, long va, long ctx, long flags) {
        SparcCore c = core(frame);
        if (c == null || reserved0 != 0 || reserved1 != 0) {
            return ENOTSUPPORTED;
        }
        if (!Tte.validVa(va) || badCtx(ctx) || badFlags(flags)) {
            return EINVAL;
        }
        c.mmu().demapPage(va, (int) ctx, fetch(flags), data(flags));
        return EOK;
    }

    @Override
    public long mmuDemapCtx(HcallFrame frame, long reserved0, long reserved1, long ctx, long flags) {
        SparcCore c = core(frame);
        if (c == null || reserved0 != 0 || reserved1 != 0) {
            return ENOTSUPPORTED;
        }
        if (badCtx(ctx) || badFlags(flags)) {
            return EINVAL;
        }
        c.mmu().demapContext((int) ctx, fetch(flags), data(flags));
        return EOK;
    }

    @Override
    public long mmuDemapAll(HcallFrame frame, long reserved0, long reserved1, long flags) {
        SparcCore c = core(frame);
        if (c == null || reserved0 != 0 || reserved1 != 0) {
            return ENOTSUPPORTED;
        }
        if (badFlags(flags)) {
            return EINVAL;
        }
        c.mmu().demapAll(fetch(flags), data(flags));
        return EOK;
    }

    // ---- mappings ---------------------------------------------------------------------------

    /**
     * The checks a TTE passed to the hypervisor gets: EBADPGSZ for a size the CPU lacks,
     * ENORADDR when the page it maps is neither all the domain's real memory nor inside one page
     * it mapped in (whose rights SparcMemory enforces at every access); else EOK.
     */
    private static long checkTte(SparcCore c, long tte) {
        int code = Tte.sizeCode(tte);
        if (!Tte.supportedSize(code)) {
            return EBADPGSZ;
        }
        int shift = Tte.shift(code);
        if (!realMemory(c).isMapped(Tte.realPage(tte, shift), 1L << shift)) {
            return ENORADDR;
        }
        return EOK;
    }

    @Override
    public long mmuMapPermAddr(HcallFrame frame, long va, long reserved, long tte, long flags) {
        SparcCore c = core(frame);
        if (c == null) {
            return ENOTSUPPORTED;
        }
        // TTE_V clear: the spec requires it set; OpenSPARC refuses with EINVAL as well
        if (!Tte.validVa(va) || reserved != 0 || badFlags(flags) || (tte & Tte.V) == 0) {
            return EINVAL;
        }
        long status = checkTte(c, tte);
        if (status != EOK) {
            return status;
        }
        return c.mmu().mapPermanent(va, tte, fetch(flags), data(flags));
    }

    @Override
    public long mmuUnmapPermAddr(HcallFrame frame, long va, long reserved, long flags) {
        SparcCore c = core(frame);
        if (c == null) {
            return ENOTSUPPORTED;
        }
        if (!Tte.validVa(va) || reserved != 0 || badFlags(flags)) {
            return EINVAL;
        }
        return c.mmu().unmapPermanent(va, fetch(flags), data(flags));
    }

    @Override
    public long mmuMapAddr(HcallFrame frame, long va, long ctx, long tte, long flags) {
        SparcCore c = core(frame);
        if (c == null) {
            return ENOTSUPPORTED;
        }
        if (!Tte.validVa(va) || badCtx(ctx) || badFlags(flags)) {
            return EINVAL;
        }
        long status = checkTte(c, tte);
        if (status != EOK) {
            return status;
        }
        if ((tte & Tte.V) != 0) {  // with TTE_V clear the result is undefined: nothing is loaded
            c.mmu().mapAddr(va, (int) ctx, tte, fetch(flags), data(flags));
        }
        return EOK;
    }

    @Override
    public long mmuUnmapAddr(HcallFrame frame, long va, long ctx, long flags) {
        SparcCore c = core(frame);
        if (c == null) {
            return ENOTSUPPORTED;
        }
        if (!Tte.validVa(va) || badCtx(ctx) || badFlags(flags)) {
            return EINVAL;
        }
        c.mmu().demapPage(va, (int) ctx, fetch(flags), data(flags));
        return EOK;
    }

    // ---- fault area and mmu_enable --------------------------------------------------------------

    @Override
    public long mmuFaultAreaConf(HcallFrame frame, long area) {
        SparcCore c = core(frame);
        if (c == null) {
            return ENOTSUPPORTED;
        }
        Mmu mmu = c.mmu();
        frame.setResult(1, mmu.faultArea());
        if ((area & (MMU_FAULT_AREA_ALIGN - 1)) != 0) {
            return EBADALIGN;
        }
        if (area == 0 || !realMemory(c).isValid(area, MMU_FAULT_AREA_SIZE)) {
            return ENORADDR;
        }
        mmu.setFaultArea(area);
        return EOK;
    }

    @Override
    public long mmuFaultAreaInfo(HcallFrame frame) {
        SparcCore c = core(frame);
        if (c == null) {
            return ENOTSUPPORTED;
        }
        frame.setResult(1, c.mmu().faultArea());
        return EOK;
    }

    /**
     * Turns translation on or off. On success the call does not return to the caller: the CPU
     * continues at {@code target}, a virtual address when enabling, a real one when disabling.
     */
    @Override
    public long mmuEnable(HcallFrame frame, long enable, long target) {
        SparcCore c = core(frame);
        if (c == null) {
            return ENOTSUPPORTED;
        }
        boolean on = enable != 0;
        Mmu mmu = c.mmu();
        if (on == mmu.enabled()) {
            return EINVAL;
        }
        if ((target & 3) != 0) {
            return EBADALIGN;
        }
        if (!on && !realMemory(c).isValid(target, 4)) {
            return ENORADDR;
        }
        mmu.setEnabled(on);
        c.continueHypercallAt(target);
        return EOK;
    }
}
