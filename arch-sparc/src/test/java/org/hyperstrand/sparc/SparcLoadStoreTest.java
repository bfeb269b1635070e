package org.hyperstrand.sparc;

import static org.hyperstrand.sparc.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.sparc.cpu.SparcArch;
import org.hyperstrand.sparc.trap.TrapType;
import org.junit.jupiter.api.Test;

/**
 * Loads, stores, atomics and the alternate spaces. The test domain's real address 0 is host
 * physical 0x4000_0000, so every check of memory contents also checks the RA-to-PA step.
 */
class SparcLoadStoreTest {

    private static final long D = SparcRig.DATA;

    /** A program with %g1 = DATA, memory at DATA = 01 02 .. 08 f1 f2 .. f8. */
    private static SparcRig rig(int... program) {
        SparcRig rig = new SparcRig().program(program);
        rig.tba(SparcRig.TBA_BASE);
        rig.s.r[G1] = D;
        rig.write64(D, 0x0102_0304_0506_0708L);
        rig.write64(D + 8, 0xf1f2_f3f4_f5f6_f7f8L);
        return rig;
    }

    private static long trapped(SparcRig rig, int tt) {
        long handler = rig.handler(tt, false, SparcRig.STOP);
        rig.runToStop();
        assertEquals(handler, rig.s.pc, () -> "expected " + TrapType.name(tt) + "\n" + rig.core.report());
        return handler;
    }

    @Test
    void everyLoadWidthBigEndian() {
        SparcRig rig = rig(ldub(L0, G1, 0), ldsb(L1, G1, 8), lduh(L2, G1, 8), ldsh(L3, G1, 8), lduw(L4, G1, 8),
                ldsw(L5, G1, 8), ldx(L6, G1, 0), ldsb(L7, G1, 7), lduw(I0, G1, 4), SparcRig.STOP);
        rig.runToStop();
        assertEquals(0x01, rig.reg(L0));
        assertEquals(0xffff_ffff_ffff_fff1L, rig.reg(L1));
        assertEquals(0xf1f2, rig.reg(L2));
        assertEquals(0xffff_ffff_ffff_f1f2L, rig.reg(L3));
        assertEquals(0xf1f2_f3f4L, rig.reg(L4));
        assertEquals(0xffff_ffff_f1f2_f3f4L, rig.reg(L5));
        assertEquals(0x0102_0304_0506_0708L, rig.reg(L6));
        assertEquals(0x08, rig.reg(L7));
        assertEquals(0x0506_0708L, rig.reg(I0));
    }

    @Test
    void everyStoreWidthLandsAtTheTranslatedAddress() {
        SparcRig rig = rig(SparcRig.code(setx(G2, G3, 0x1122_3344_5566_7788L), stx(G2, G1, 16), stw(G2, G1, 24),
                sth(G2, G1, 28), stb(G2, G1, 30), SparcRig.STOP));
        rig.runToStop();
        assertEquals(0x1122_3344_5566_7788L, rig.read64(D + 16));
        assertEquals(0x5566_7788_7788_8800L, rig.read64(D + 24));
        assertEquals(0, rig.guest.memory.read64BE(D + 16), "host PA equal to the RA is untouched");
    }

    @Test
    void littleEndianThroughAsisAndPstateCle() {
        SparcRig rig = rig(mema(LDUH, L0, G1, G0, 0x88), mema(LDSW, L1, G1, G0, 0x1c), mema(LDX, L2, G1, G0, 0x0c),
                mema(LDUW, L3, G1, G0, 0x18), mema(STX, L2, G1, G2, 0x89), SparcRig.STOP);
        rig.s.r[G2] = 32;
        rig.runToStop();
        assertEquals(0x0201, rig.reg(L0));
        assertEquals(0x0403_0201, rig.reg(L1));
        assertEquals(0x0807_0605_0403_0201L, rig.reg(L2));
        assertEquals(0x0403_0201, rig.reg(L3));
        assertEquals(0x0102_0304_0506_0708L, rig.read64(D + 32), "a little-endian store of the swapped value");

        rig = rig(wrpr(PSTATE, G0, SparcArch.PSTATE_PRIV | SparcArch.PSTATE_CLE), ldx(L0, G1, 0), lduh(L1, G1, 8),
                ldsw(L2, G1, 8), stw(L1, G1, 16), wrpr(PSTATE, G0, SparcArch.PSTATE_PRIV), SparcRig.STOP);
        rig.runToStop();
        assertEquals(0x0807_0605_0403_0201L, rig.reg(L0));
        assertEquals(0xf2f1, rig.reg(L1));
        assertEquals(0xffff_ffff_f4f3_f2f1L, rig.reg(L2));
        assertEquals(0xf1f2_0000, rig.read32(D + 16));
    }

    @Test
    void primarySecondaryRealAndAsIfUserAsisReachTheSameMemory() {
        SparcRig rig = rig(mema(LDX, L0, G1, G0, 0x80), mema(LDX, L1, G1, G0, 0x81), mema(LDX, L2, G1, G0, 0x14),
                mema(LDX, L3, G1, G0, 0x10), mema(LDX, L4, G1, G0, 0x04), wr(ASI, G0, 0x80), memai(LDUB, L5, G1, 9),
                SparcRig.STOP);
        rig.runToStop();
        for (int r = L0; r <= L4; r++) {
            assertEquals(0x0102_0304_0506_0708L, rig.reg(r));
        }
        assertEquals(0xf2, rig.reg(L5), "i = 1 uses the %asi register");
    }

    @Test
    void lddAndStdUseRegisterPairs() {
        SparcRig rig = rig(ldd(L0, G1, 8), std(L0, G1, 16), SparcRig.STOP);
        rig.runToStop();
        assertEquals(0xf1f2_f3f4L, rig.reg(L0));
        assertEquals(0xf5f6_f7f8L, rig.reg(L1));
        assertEquals(0xf1f2_f3f4_f5f6_f7f8L, rig.read64(D + 16));

        rig = rig(ldd(L1, G1, 8), SparcRig.STOP);
        trapped(rig, TrapType.ILLEGAL_INSTRUCTION);

        // twin-extended load: two doublewords from a 16-byte aligned address
        rig = rig(mema(LDD, L2, G1, G0, 0x26), mema(LDD, L4, G1, G0, 0x2e), SparcRig.STOP);
        rig.runToStop();
        assertEquals(0x0102_0304_0506_0708L, rig.reg(L2));
        assertEquals(0xf1f2_f3f4_f5f6_f7f8L, rig.reg(L3));
        assertEquals(0x0807_0605_0403_0201L, rig.reg(L4));
    }

    @Test
    void compareAndSwap() {
        SparcRig rig = rig(SparcRig.code(setx(G2, G3, 0x0102_0304_0506_0708L), movi(L0, 55),
                casxa(G1, 0x80, G2, L0), movi(L1, 66), casxa(G1, 0x80, G2, L1), SparcRig.STOP));
        rig.runToStop();
        assertEquals(0x0102_0304_0506_0708L, rig.reg(L0), "old value returned");
        assertEquals(55, rig.reg(L1), "failed compare returns the current value");
        assertEquals(55, rig.read64(D), "only the first swap happened");

        rig = rig(SparcRig.code(set32(G2, 0xf1f2_f3f4L), movi(L0, -1), mem(CASA, L0, G1, G2) | (0x80 << 5),
                SparcRig.STOP));
        rig.s.r[G1] = D + 8;
        rig.runToStop();
        assertEquals(0xf1f2_f3f4L, rig.reg(L0));
        assertEquals(0xffff_ffff_f5f6_f7f8L, rig.read64(D + 8));

        rig = rig(wr(ASI, G0, 0x88), movi(L0, 9), casxaAsiReg(G1, G2, L0), SparcRig.STOP);
        rig.s.r[G2] = 0x0807_0605_0403_0201L;
        rig.runToStop();
        assertEquals(0x0807_0605_0403_0201L, rig.reg(L0), "little-endian compare matched");
        assertEquals(0x0900_0000_0000_0000L, rig.read64(D));
    }

    @Test
    void ldstubAndSwap() {
        SparcRig rig = rig(ldstub(L0, G1, 1), ldstub(L1, G1, 1), movi(L2, 77), swap(L2, G1, 4), SparcRig.STOP);
        rig.runToStop();
        assertEquals(0x02, rig.reg(L0));
        assertEquals(0xff, rig.reg(L1));
        assertEquals(0x0506_0708L, rig.reg(L2));
        assertEquals(0x01ff_0304_0000_004dL, rig.read64(D));
    }

    @Test
    void misalignedAccessesTrap() {
        int[][] bad = {{ldx(L0, G1, 4)}, {lduh(L0, G1, 1)}, {stw(L0, G1, 2)}, {mema(LDX, L0, G1, G2, 0x80)},
            {casxa(G2, 0x80, G0, L0)}, {ldd(L0, G1, 4)}};
        for (int[] insn : bad) {
            SparcRig rig = rig(SparcRig.code(movi(L0, 3), insn, SparcRig.STOP));
            rig.s.r[G2] = D + 4;
            trapped(rig, TrapType.MEM_ADDRESS_NOT_ALIGNED);
            assertEquals(SparcRig.CODE + 4, rig.s.tpc[1]);
            assertEquals(3, rig.reg(L0));
        }
    }

    @Test
    void accessesOutsideTheDomainRaiseAccessExceptions() {
        SparcRig rig = rig(SparcRig.code(set32(G2, TestGuest.SIZE), ldx(L0, G2, 0), SparcRig.STOP));
        trapped(rig, TrapType.DATA_ACCESS_EXCEPTION);
        rig = rig(SparcRig.code(set32(G2, TestGuest.SIZE), stb(L0, G2, 0), SparcRig.STOP));
        trapped(rig, TrapType.DATA_ACCESS_EXCEPTION);
        rig = rig(SparcRig.code(setx(G2, G3, -8L), ldx(L0, G2, 0), SparcRig.STOP));
        trapped(rig, TrapType.DATA_ACCESS_EXCEPTION);

        rig = rig(SparcRig.code(set32(G2, TestGuest.SIZE + 0x100), jmpl(G0, G2, 0), nop(), SparcRig.STOP));
        trapped(rig, TrapType.INSTRUCTION_ACCESS_EXCEPTION);
        assertEquals(TestGuest.SIZE + 0x100, rig.s.tpc[1], "TPC is the unreachable address");

        // a no-fault load reads zero instead
        rig = rig(SparcRig.code(set32(G2, TestGuest.SIZE), movi(L0, 5), mema(LDX, L0, G2, G0, 0x82), SparcRig.STOP));
        rig.runToStop();
        assertEquals(0, rig.reg(L0));
        rig = rig(mema(STX, L0, G1, G0, 0x82), SparcRig.STOP);
        trapped(rig, TrapType.DATA_ACCESS_EXCEPTION);
    }

    @Test
    void scratchpadRegisters() {
        SparcRig rig = rig(movi(G2, 0x18), movi(L0, 123), mema(STX, L0, G2, G0, 0x20), mema(LDX, L1, G2, G0, 0x20),
                movi(G3, 0x38), mema(STX, L0, G3, G0, 0x20), SparcRig.STOP);
        rig.runToStop();
        assertEquals(123, rig.reg(L1));
        assertEquals(123, rig.s.scratchpad[3]);
        assertEquals(123, rig.s.scratchpad[7]);
        assertEquals(0, rig.read64(0x18), "scratchpad is not memory");

        rig = rig(movi(G2, 0x40), mema(LDX, L1, G2, G0, 0x20), SparcRig.STOP);
        trapped(rig, TrapType.DATA_ACCESS_EXCEPTION);
        rig = rig(movi(G2, 0x8), mema(LDUW, L1, G2, G0, 0x20), SparcRig.STOP);
        trapped(rig, TrapType.DATA_ACCESS_EXCEPTION);
    }

    @Test
    void queueRegistersHeadWritableTailReadOnly() {
        SparcRig rig = rig(movi(G2, 0x3c0), movi(L0, 0x40), mema(STX, L0, G2, G0, 0x25), movi(G3, 0x3d8),
                mema(LDX, L1, G3, G0, 0x25), SparcRig.STOP);
        rig.s.queue[3] = 0x80;
        rig.runToStop();
        assertEquals(0x40, rig.s.queue[0]);
        assertEquals(0x80, rig.reg(L1));

        rig = rig(movi(G2, 0x3c8), mema(STX, L0, G2, G0, 0x25), SparcRig.STOP);
        trapped(rig, TrapType.DATA_ACCESS_EXCEPTION);
        assertEquals(0, rig.s.queue[1]);
        rig = rig(movi(G2, 0x3b8), mema(LDX, L0, G2, G0, 0x25), SparcRig.STOP);
        trapped(rig, TrapType.DATA_ACCESS_EXCEPTION);
    }

    @Test
    void nonEmptyMondoQueueInterruptsTheGuest() {
        SparcRig rig = rig(wrpr(PSTATE, G0, SparcArch.PSTATE_PRIV | SparcArch.PSTATE_IE), nop(), SparcRig.STOP);
        rig.s.queue[1] = 0x40;  // the hypervisor appended a cpu mondo
        trapped(rig, TrapType.CPU_MONDO);
    }

    @Test
    void restrictedAsisNeedPrivilegeAndUnknownAsisFault() {
        SparcRig rig = rig(wrpr(PSTATE, G0, 0), mema(LDX, L0, G1, G0, 0x14), SparcRig.STOP);
        trapped(rig, TrapType.PRIVILEGED_ACTION);
        rig = rig(wrpr(PSTATE, G0, 0), mema(LDX, L0, G1, G0, 0x80), SparcRig.STOP);
        rig.handler(TrapType.TRAP_INSTRUCTION + 0x7f, false, SparcRig.STOP);  // user-mode ta 0xff is ta 0x7f
        rig.runToStop();
        assertEquals(0x0102_0304_0506_0708L, rig.reg(L0), "user mode may use ASI_P");
        rig = rig(mema(LDX, L0, G1, G0, 0x45), SparcRig.STOP);
        trapped(rig, TrapType.DATA_ACCESS_EXCEPTION);
        rig = rig(mema(LDX, L0, G1, G0, 0xe2), SparcRig.STOP);
        trapped(rig, TrapType.DATA_ACCESS_EXCEPTION);
    }

    @Test
    void writesToUntouchedMemoryBecomeVisibleToLaterReads() {
        long page = 0x8_0000;
        SparcRig rig = rig(SparcRig.code(set32(G2, page), ldx(L0, G2, 0), movi(L1, 31), stx(L1, G2, 0), ldx(L2, G2, 0),
                ldx(L3, G2, 8), SparcRig.STOP));
        rig.runToStop();
        assertEquals(0, rig.reg(L0));
        assertEquals(31, rig.reg(L2));
        assertEquals(0, rig.reg(L3));
    }

    @Test
    void prefetchIsANoOpEvenForBadAddresses() {
        SparcRig rig = rig(SparcRig.code(set32(G2, TestGuest.SIZE * 4), prefetch(G2, 0, 0), prefetch(G2, 1, 20),
                SparcRig.STOP));
        rig.runToStop();
        assertEquals(2 + 2, rig.core.retired());
    }
}
