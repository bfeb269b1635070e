package org.hyperstrand.sparc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.CoreHandler;
import org.hyperstrand.core.hcall.api.HcallDispatcher;
import org.hyperstrand.core.hcall.api.HvApiGroups;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.core.svc.CoreServices;
import org.hyperstrand.core.svc.TimeOfDay;
import org.hyperstrand.sparc.backend.SparcBackend;
import org.hyperstrand.sparc.cpu.SparcCore;
import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.mmu.Mmu;
import org.hyperstrand.sparc.mmu.TsbDescriptor;

/**
 * A one-CPU domain on a {@link TestGuest} (1 MiB of real memory at RA 0) built by the sun4v
 * backend, with the real core handler behind the backend's MMU calls, for tests of the MMU and
 * its hypercalls. Layout (real addresses): code at {@link #CODE}, the trap table at
 * {@link #TBA}, a real trap table for watchdog resets at {@link #RTBA}, the fault area at
 * {@link #FAULT_AREA}, data pages from {@link #DATA}, TSBs at {@link #TSB0} and {@link #TSB1}.
 * {@link #identityMap} maps the 64 KiB pages of code, trap table and fault area one to one with
 * permanent mappings, so a program keeps running when the MMU goes on.
 */
final class MmuRig {

    static final long CODE = 0x1_0000;
    static final long TBA = 0x2_0000;
    static final long RTBA = 0x2_8000;
    static final long FAULT_AREA = 0x3_0000;
    static final long DATA = 0x4_0000;
    static final long TSB0 = 0x8_0000;
    static final long TSB1 = 0x8_4000;
    static final long DESCRIPTORS = 0x8_8000;
    static final int TSB_ENTRIES = 512;

    static final int STOP = Asm.ta(0xff);

    final TestGuest guest = new TestGuest();
    final SparcBackend backend = new SparcBackend();
    final Domain domain;
    final Vcpu vcpu;
    final SparcCore core;
    final SparcState s;
    final Mmu mmu;
    final CoreHandler calls;
    final HcallDispatcher dispatcher;

    MmuRig() {
        domain = new Domain("mmu", backend, guest.memory, guest.map, new Domain.Clock() {
            @Override
            public long now() {
                return guest.now;
            }

            @Override
            public long frequency() {
                return guest.tickFrequency();
            }
        });
        vcpu = domain.addVcpu(0);
        core = (SparcCore) vcpu.core();
        s = core.state();
        mmu = core.mmu();
        CoreServices neutral = new CoreServices(domain, () -> new byte[16], new TimeOfDay(0, () -> guest.now, 1_000_000));
        calls = backend.coreCalls(neutral);
        dispatcher = HcallDispatcher.builder(backend.binding()).core(calls).build();
        domain.setDispatcher(dispatcher);
        domain.versions().set(HvApiGroups.SUN4V, 1, 0);
        domain.versions().set(HvApiGroups.CORE, 1, 1);
    }

    HcallFrame frame() {
        return core.frame();
    }

    // ---- memory ---------------------------------------------------------------------------

    long put(long ra, int... words) {
        for (int w : words) {
            guest.memory.write32BE(TestGuest.PA_BASE + ra, w);
            ra += 4;
        }
        return ra;
    }

    long read64(long ra) {
        return guest.memory.read64BE(TestGuest.PA_BASE + ra);
    }

    void write64(long ra, long v) {
        guest.memory.write64BE(TestGuest.PA_BASE + ra, v);
    }

    /** Places {@code words} at vector {@code tt} (TL = 0 half, or TL > 0 half) of the table at {@link #TBA}. */
    long handler(int tt, boolean tlAboveZero, int... words) {
        long at = TBA + (tlAboveZero ? 0x4000 : 0) + ((long) tt << 5);
        put(at, words);
        return at;
    }

    // ---- the program ---------------------------------------------------------------------

    /** Loads {@code words} at {@link #CODE}, starts the CPU there with TBA and RTBA set; the MMU stays off. */
    MmuRig program(int... words) {
        put(CODE, words);
        core.start(CODE, 0);
        s.tba = TBA;
        s.rtba = RTBA;
        return this;
    }

    /** Permanent 64 KiB identity mappings (I and D) of code, trap tables and fault area; 3 of the 8. */
    MmuRig identityMap() {
        for (long page : new long[] {CODE, TBA, FAULT_AREA}) {
            assertEquals(0, mmu.mapPermanent(page, tte(page, 1, HvConstants.TTE_X | HvConstants.TTE_W
                    | HvConstants.TTE_P), true, true));
        }
        return this;
    }

    MmuRig faultArea() {
        mmu.setFaultArea(FAULT_AREA);
        return this;
    }

    MmuRig mmuOn() {
        mmu.setEnabled(true);
        return this;
    }

    /** A valid TTE for the page at {@code ra} of size code {@code size} with extra bits. */
    static long tte(long ra, int size, long bits) {
        return HvConstants.TTE_V | ra | bits | size;
    }

    /** An 8 KiB, 512-entry TSB at {@code base}, indexed with size code {@code pgszIdx}, not shared. */
    static TsbDescriptor tsb(long base, int pgszIdx) {
        return new TsbDescriptor(pgszIdx, 1, TSB_ENTRIES, 0, 1L << pgszIdx, base, 0);
    }

    /** Writes a TSB entry (tag, TTE) for {@code va} into TSB {@code d}. */
    void tsbEntry(TsbDescriptor d, long va, int tagCtx, long tte) {
        long index = (va >>> (13 + 3 * d.pgszIdx())) & (d.numTtes() - 1);
        long entry = d.base() + 16 * index;
        write64(entry, ((long) tagCtx << 48) | (va >>> 22));
        write64(entry + 8, tte);
    }

    /** Writes descriptors at {@link #DESCRIPTORS}, as a guest hands them to mmu_tsb_ctx0/ctxnon0. */
    long descriptors(TsbDescriptor... ds) {
        byte[] b = new byte[ds.length * 32];
        for (int i = 0; i < ds.length; i++) {
            ds[i].write(b, i * 32);
        }
        guest.memory.write(TestGuest.PA_BASE + DESCRIPTORS, b, 0, b.length);
        return DESCRIPTORS;
    }

    long faultWord(int offset) {
        return read64(FAULT_AREA + offset);
    }

    // ---- running --------------------------------------------------------------------------

    /**
     * Runs until a core-trap call ({@code ta 0xff}, the tests' stop), serving fast and
     * hyper-fast calls through the domain's dispatcher on the way.
     */
    MmuRig runToStop() {
        for (int n = 0; n < 10_000; n++) {
            int exit = core.run(1_000_000);
            if (exit != VcpuExit.HYPERCALL) {
                fail("expected a hypercall exit, got " + exit + "\n" + core.report());
            }
            switch (core.hypercallKind()) {
                case VcpuExit.KIND_CORE:
                    return this;
                case VcpuExit.KIND_FAST:
                    core.completeHypercall(dispatcher.dispatchFast(core.hypercallNumber(), frame(), domain.versions()));
                    break;
                default:
                    core.completeHypercall(
                            dispatcher.dispatchHyperfast(core.hypercallNumber(), frame(), domain.versions()));
                    break;
            }
        }
        fail("no stop after 10000 hypercalls\n" + core.report());
        return this;
    }
}
