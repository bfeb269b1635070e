package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.List;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.mem.PhysicalMemory;
import org.hyperstrand.core.mem.RealMemoryMap;
import org.hyperstrand.core.spi.ArchBackend;
import org.hyperstrand.core.spi.Backends;
import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.core.spi.VcpuCore;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.backend.X86Backend;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86Core;
import org.hyperstrand.x86.host.X86Vcpu;
import org.hyperstrand.x86.cpu.X86State;
import org.junit.jupiter.api.Test;

/** The boot protocol of {@link X86Core}: register state, the reserved area, and the backend. */
class X86BootTest {

    private static final long SIZE = TestGuest.SIZE;
    private static final long RESERVED = SIZE - 16 * 1024;

    @Test
    void startPutsTheCpuInTheDocumentedState() {
        X86Rig rig = new X86Rig();
        rig.put(X86Rig.CODE, X86Rig.HLT);
        rig.core.start(X86Rig.CODE, 0x1234);
        X86State s = rig.s;
        assertEquals(0x8001_0033L, s.cr0);
        assertEquals(0xa0L, s.cr4);
        assertEquals(0xd01L, s.efer);
        assertEquals(RESERVED + 0x1000, s.cr3);
        assertEquals(RESERVED, s.gdtBase);
        assertEquals(0x27, s.gdtLimit);
        assertEquals(0, s.idtBase);
        assertEquals(0, s.idtLimit);
        assertEquals(0x08, s.segSel[X86Arch.CS]);
        assertEquals(0x10, s.segSel[X86Arch.SS]);
        assertEquals(0x10, s.segSel[X86Arch.DS]);
        assertEquals(0x10, s.segSel[X86Arch.ES]);
        assertEquals(0, s.segSel[X86Arch.FS]);
        assertEquals(0, s.segSel[X86Arch.GS]);
        assertEquals(0, s.segBase[X86Arch.FS]);
        assertEquals(0, s.segBase[X86Arch.GS]);
        assertEquals(0, s.cpl);
        assertTrue(s.longMode64());
        assertEquals(2, rig.rflags());
        assertEquals(X86Rig.CODE, s.rip);
        assertEquals(0, s.r[X86State.RSP]);
        assertEquals(0x1234, s.r[X86State.RDI]);
        assertEquals(0, s.r[X86State.RSI]);
        assertEquals(SIZE, s.r[X86State.RDX]);
        assertEquals(RESERVED, s.r[X86State.RCX]);
        for (int r : new int[] {0, 3, 5, 8, 9, 10, 11, 12, 13, 14, 15}) {
            assertEquals(0, s.r[r], "register " + r);
        }
    }

    @Test
    void theReservedAreaHoldsTheGdtAndIdentityPageTables() {
        X86Rig rig = new X86Rig();
        rig.put(X86Rig.CODE, X86Rig.HLT);
        rig.write64(RESERVED + 0x3000, 0x5a5a);                // the spare page is the guest's
        rig.core.start(X86Rig.CODE, 0);
        assertEquals(0, rig.read64(RESERVED));
        assertEquals(0x00af_9a00_0000_ffffL, rig.read64(RESERVED + 0x08));
        assertEquals(0x00cf_9200_0000_ffffL, rig.read64(RESERVED + 0x10));
        assertEquals(0x00af_fa00_0000_ffffL, rig.read64(RESERVED + 0x18));
        assertEquals(0x00cf_f200_0000_ffffL, rig.read64(RESERVED + 0x20));
        assertEquals((RESERVED + 0x2000) | 3, rig.read64(RESERVED + 0x1000));
        for (int i = 1; i < 512; i++) {
            assertEquals(0, rig.read64(RESERVED + 0x1000 + 8L * i), "pml4 entry " + i);
        }
        assertEquals(0x83, rig.read64(RESERVED + 0x2000), "1 GiB identity page P|RW|PS");
        for (int i = 1; i < 512; i++) {
            assertEquals(0, rig.read64(RESERVED + 0x2000 + 8L * i), "pdpt entry " + i);
        }
        assertEquals(0x5a5a, rig.read64(RESERVED + 0x3000));
    }

    @Test
    void pdptEntriesCoverEveryGigabyteOfMemory() {
        long size = (2L << 30) + (4 << 20);                    // 2 GiB + 4 MiB: three entries
        X86Rig rig = new X86Rig(new TestGuest(size));
        rig.put(X86Rig.CODE, X86Rig.HLT);
        rig.core.start(X86Rig.CODE, 0);
        long reserved = size - 16 * 1024;
        assertEquals(0x83, rig.read64(reserved + 0x2000));
        assertEquals((1L << 30) | 0x83, rig.read64(reserved + 0x2008));
        assertEquals((2L << 30) | 0x83, rig.read64(reserved + 0x2010));
        assertEquals(0, rig.read64(reserved + 0x2018));
        assertEquals(size, rig.reg(X86State.RDX));
        assertEquals(VcpuExit.HALT, rig.run(), rig.core::report);
        // the reserved area itself is reachable through the identity map, near the top of memory
        assertEquals(0x00af_9a00_0000_ffffL, rig.s.mem.read(reserved + 8, 3));
    }

    @Test
    void guestCodeSeesTheBootStateThroughInstructions() {
        X86Rig rig = new X86Rig();
        rig.put(X86Rig.CODE,
                "49 89 cf  # movq %rcx,%r15",
                "0f 20 c0  # movq %cr0,%rax",
                "0f 20 db  # movq %cr3,%rbx",
                "0f 20 e1  # movq %cr4,%rcx",
                "48 89 e5  # movq %rsp,%rbp",
                "48 c7 c4 00 00 08 00  # movq $0x80000,%rsp",
                "0f 01 04 24  # sgdt (%rsp)",
                "8c ca  # movl %cs,%edx",
                "8c d6  # movl %ss,%esi",
                X86Rig.HLT);
        rig.core.start(X86Rig.CODE, 0);
        rig.runToHalt();
        assertEquals(0x8001_0033L, rig.reg(X86State.RAX));
        assertEquals(RESERVED + 0x1000, rig.reg(X86State.RBX));
        assertEquals(0xa0, rig.reg(X86State.RCX));
        assertEquals(RESERVED, rig.reg(15));
        assertEquals(0, rig.reg(X86State.RBP));
        assertEquals(0x08, rig.reg(X86State.RDX));
        assertEquals(0x10, rig.reg(X86State.RSI));
        assertEquals(0x27, rig.read64(0x80000) & 0xffff);
        assertEquals(RESERVED, rig.read64(0x80002));
    }

    @Test
    void anExceptionBeforeTheGuestHasAnIdtIsATripleFault() {
        X86Rig rig = new X86Rig();
        rig.put(X86Rig.CODE, "50  # push %rax: RSP = 0, the stack page is not mapped");
        rig.core.start(X86Rig.CODE, 0);
        assertEquals(VcpuExit.FATAL, rig.run());
        String report = rig.core.report();
        assertTrue(report.contains("triple fault"), report);
    }

    @Test
    void aSecondStartRewritesTheSameTablesAndKeepsTheSparePage() {
        X86Rig rig = new X86Rig();
        rig.put(X86Rig.CODE, X86Rig.HLT);
        rig.core.start(X86Rig.CODE, 0);
        long[] before = new long[3 * 512];
        for (int i = 0; i < before.length; i++) {
            before[i] = rig.read64(RESERVED + 8L * i);
        }
        rig.write64(RESERVED + 0x3008, 77);
        X86Core second = new X86Core(rig.guest, 1);
        second.start(X86Rig.CODE, 5);
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], rig.read64(RESERVED + 8L * i));
        }
        assertEquals(77, rig.read64(RESERVED + 0x3008));
        assertEquals(5, second.state().r[X86State.RDI]);
        assertEquals(VcpuExit.HALT, second.run(10));
    }

    @Test
    void memoryThatCannotHoldTheReservedAreaIsReported() {
        GuestContext tiny = new GuestContext() {
            final PhysicalMemory memory = new PhysicalMemory(1 << 20);
            final RealMemoryMap map = new RealMemoryMap(List.of(new MemoryBlock(0x1000, 0, 8192)));

            @Override
            public PhysicalMemory memory() {
                return memory;
            }

            @Override
            public RealMemoryMap realMemory() {
                return map;
            }

            @Override
            public long now() {
                return 0;
            }

            @Override
            public long tickFrequency() {
                return 1;
            }
        };
        X86Core core = new X86Core(tiny, 0);
        core.start(0x1000, 0);
        assertEquals(VcpuExit.FATAL, core.run(10));
        assertTrue(core.report().contains("boot protocol"), core.report());
    }

    @Test
    void anUnstartedCpuDoesNotRun() {
        X86Core core = new X86Core(new TestGuest(), 0);
        assertEquals(VcpuExit.FATAL, core.run(10));
    }

    @Test
    void theBackendIsFoundByServiceLoader() {
        Backends backends = Backends.load();
        ArchBackend x86 = backends.forBinding("x86_64").orElseThrow();
        assertTrue(x86 instanceof X86Backend);
        assertEquals(62, x86.elfMachine());
        assertEquals(ByteOrder.LITTLE_ENDIAN, x86.byteOrder());
        assertEquals(x86, backends.forElfMachine(62).orElseThrow());
        TestGuest guest = new TestGuest();
        VcpuCore a = x86.createCore(guest, 0);
        VcpuCore b = x86.createCore(guest, 1);
        assertTrue(a instanceof X86Vcpu && b instanceof X86Vcpu);
        assertTrue(((X86Vcpu) a).cpu().state().mem.code() == ((X86Vcpu) b).cpu().state().mem.code(),
                "CPUs on one memory share decoded code");
    }
}
