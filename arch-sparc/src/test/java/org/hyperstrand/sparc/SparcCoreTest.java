package org.hyperstrand.sparc;

import static org.hyperstrand.sparc.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.VcpuCore;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.sparc.backend.SparcBackend;
import org.hyperstrand.sparc.cpu.SparcArch;
import org.hyperstrand.sparc.cpu.SparcCore;
import org.hyperstrand.sparc.cpu.SparcState;
import org.junit.jupiter.api.Test;

/** The core as the hypervisor sees it: boot state, budgets, reports, the backend, code caching. */
class SparcCoreTest {

    @Test
    void startEstablishesTheBootProtocolState() {
        SparcRig rig = new SparcRig();
        rig.s.r[L3] = 99;
        rig.core.start(0x1_0040, 0x55);
        SparcState s = rig.s;
        assertEquals(0x1_0040, s.pc);
        assertEquals(0x1_0044, s.npc);
        assertEquals(0, s.tl);
        assertEquals(0, s.gl());
        assertEquals(SparcArch.PSTATE_PRIV, s.pstate());
        assertEquals(SparcArch.HPSTATE_GUEST, s.hpstate());
        assertFalse(s.hpriv);
        assertEquals(15, s.pil);
        assertEquals(0, s.cwp());
        assertEquals(6, s.cansave);
        assertEquals(0, s.canrestore);
        assertEquals(0, s.otherwin);
        assertEquals(6, s.cleanwin);
        assertEquals(0, s.wstate);
        assertEquals(0, s.tba);
        assertEquals(0x1_0000, s.rtba);
        assertEquals(0x55, s.r[O0]);
        assertEquals(0, s.r[I0], "RA of the first memory block");
        assertEquals(TestGuest.SIZE, s.r[I1]);
        assertEquals(0, s.r[L3]);
        assertEquals(0, rig.core.retired());
    }

    @Test
    void budgetIsExact() {
        SparcRig rig = new SparcRig().program(ba(0), nop());
        assertEquals(VcpuExit.BUDGET, rig.run(1000));
        assertEquals(1000, rig.core.retired());
        assertEquals(VcpuExit.BUDGET, rig.run(1));
        assertEquals(1001, rig.core.retired());
        assertEquals(VcpuExit.BUDGET, rig.run(0));
        assertEquals(1001, rig.core.retired());
    }

    @Test
    void reportShowsStateTrapStackRegistersAndRecentPcs() {
        SparcRig rig = new SparcRig().program(movi(L0, 0x77), wrpr(TL, G0, 2), ta(0x10));
        rig.s.rtba = 0x3_0000;  // nothing there: the watchdog handler faults again
        assertEquals(VcpuExit.FATAL, rig.run(100));
        String report = rig.core.report();
        for (String part : new String[] {"FATAL", "watchdog", "pc 0x", "tl 2", "trap stack", "tl1:", "tl2:", "%l0 0000000000000077",
            "%i7", "cwp 0", "cansave 6", "last PCs", "0x10000: ", "illegal_instruction"}) {
            assertTrue(report.contains(part), () -> "report lacks '" + part + "':\n" + report);
        }
    }

    @Test
    void recentPcsAreListedOldestFirstAcrossRuns() {
        SparcRig rig = new SparcRig().program(nop(), nop(), nop(), ba(0), nop());
        assertEquals(VcpuExit.BUDGET, rig.run(1));
        assertEquals(VcpuExit.BUDGET, rig.run(1));
        assertEquals(VcpuExit.BUDGET, rig.run(3));  // nop, ba, its delay slot
        String report = rig.core.report();
        String recent = report.substring(report.indexOf("last PCs"));
        int last = -1;
        for (long pc = SparcRig.CODE; pc <= SparcRig.CODE + 16; pc += 4) {
            int at = recent.indexOf("0x" + Long.toHexString(pc) + ":");
            assertTrue(at > last, "pc 0x" + Long.toHexString(pc) + " missing or out of order:\n" + recent);
            last = at;
        }
        assertFalse(recent.contains("0x" + Long.toHexString(SparcRig.CODE + 20) + ":"), recent);
    }

    @Test
    void hypercallEndsTheRunAtOnceAndLaterRunsResume() {
        SparcRig rig = new SparcRig().program(movi(L0, 1), ta(0x80), movi(L0, 2), ba(0), nop());
        assertEquals(VcpuExit.HYPERCALL, rig.run(100));
        assertEquals(1, rig.s.r[L0]);
        assertEquals(1, rig.core.retired());
        rig.core.completeHypercall(0);
        assertEquals(VcpuExit.BUDGET, rig.run(2));
        assertEquals(2, rig.s.r[L0]);
    }

    @Test
    void storesIntoDecodedCodeAreSeenOnTheNextFetch() {
        int[] prog = SparcRig.code(
                set32(G2, SparcRig.CODE + 4 * 5),             // 0, 1
                set32(G3, movi(L0, 77) & 0xffff_ffffL),       // 2, 3
                movi(L1, 0),                                  // 4
                movi(L0, 1),                                  // 5: patched to movi L0, 77
                addi(L1, L1, 1),                              // 6
                cmpi(L1, 2),                                  // 7
                be(5),                                        // 8 -> 13
                nop(),                                        // 9
                stw(G3, G2, 0),                               // 10
                ba(-6),                                       // 11 -> 5
                nop(),                                        // 12
                SparcRig.STOP);                               // 13
        SparcRig rig = new SparcRig().program(prog);
        rig.runToStop();
        assertEquals(77, rig.reg(L0));
        assertEquals(2, rig.reg(L1));
    }

    @Test
    void aStoreByOneCpuInvalidatesAnotherCpusDecodedCode() {
        TestGuest guest = new TestGuest();
        SparcBackend backend = new SparcBackend();
        SparcCore a = (SparcCore) backend.createCore(guest, 0);
        SparcCore b = (SparcCore) backend.createCore(guest, 1);
        long codeA = SparcRig.CODE;
        long codeB = SparcRig.CODE + 0x4000;
        int[] progA = {movi(L0, 1), SparcRig.STOP, ba(-2), nop()};
        int[] progB = SparcRig.code(set32(G2, codeA), set32(G3, movi(L0, 2) & 0xffff_ffffL), stw(G3, G2, 0),
                SparcRig.STOP);
        put(guest, codeA, progA);
        put(guest, codeB, progB);
        a.start(codeA, 0);
        b.start(codeB, 0);
        assertEquals(VcpuExit.HYPERCALL, a.run(100));
        assertEquals(1, a.state().r[L0]);
        assertEquals(VcpuExit.HYPERCALL, b.run(100));
        a.completeHypercall(0);
        assertEquals(VcpuExit.HYPERCALL, a.run(100));
        assertEquals(2, a.state().r[L0], "A re-decoded the page B wrote");
    }

    private static void put(TestGuest guest, long ra, int[] words) {
        for (int w : words) {
            guest.memory.write32BE(TestGuest.PA_BASE + ra, w);
            ra += 4;
        }
    }

    @Test
    void theBackendIsFoundByServiceLoader() {
        List<ArchBackend> found = new ArrayList<>();
        ServiceLoader.load(ArchBackend.class).forEach(found::add);
        ArchBackend sparc = found.stream().filter(b -> b.binding().equals("sparc64")).findFirst().orElseThrow();
        assertInstanceOf(SparcBackend.class, sparc);
        assertEquals(43, sparc.elfMachine());
        assertSame(ByteOrder.BIG_ENDIAN, sparc.byteOrder());
        VcpuCore core = sparc.createCore(new TestGuest(), 3);
        assertInstanceOf(SparcCore.class, core);
        assertEquals(3, ((SparcCore) core).vcpuId());
    }

    @Test
    void misalignedStartPcIsFatalNotAnException() {
        SparcRig rig = new SparcRig();
        rig.core.start(SparcRig.CODE + 2, 0);
        assertEquals(VcpuExit.FATAL, rig.run(10));
        assertTrue(rig.core.report().contains("aligned"));
    }

    /** Hostile guests: random instruction streams and random registers never make run() throw. */
    @Test
    void randomProgramsNeverEscapeTheCpu() {
        Random random = new Random(20240611);
        int fatal = 0;
        for (int round = 0; round < 60; round++) {
            SparcRig rig = new SparcRig();
            int[] words = new int[2048];
            for (int i = 0; i < words.length; i++) {
                words[i] = random.nextInt();
            }
            rig.put(SparcRig.CODE, words);
            rig.put(0, words);  // a trap table of garbage at TBA 0 and RTBA 0
            rig.core.start(SparcRig.CODE, random.nextLong());
            rig.core.setBareMode(round % 3 == 0);
            for (int r = 1; r < 32; r++) {
                rig.s.r[r] = random.nextInt(4) == 0 ? SparcRig.DATA + random.nextInt(1 << 12) * 8 : random.nextLong();
            }
            for (int slice = 0; slice < 50; slice++) {
                int exit = rig.run(2000);
                assertTrue(exit == VcpuExit.BUDGET || exit == VcpuExit.HYPERCALL || exit == VcpuExit.FATAL);
                if (exit == VcpuExit.FATAL) {
                    String report = rig.core.report();
                    assertFalse(report.contains("internal error"), report);
                    fatal++;
                    break;
                }
                if (exit == VcpuExit.HYPERCALL) {
                    rig.core.completeHypercall(random.nextInt(16));
                }
            }
        }
        assertTrue(fatal > 0, "some random programs reach an error state");
    }
}
