package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicReference;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.backend.X86Backend;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86Core;
import org.hyperstrand.x86.host.X86Vcpu;
import org.hyperstrand.x86.cpu.X86State;
import org.junit.jupiter.api.Test;

/** Locked read-modify-write instructions, CMPXCHG8B/16B, and atomicity between CPUs on host threads. */
class X86AtomicTest {

    private static final long D = X86Rig.DATA;

    @Test
    void lockedArithmeticOnMemoryOfEverySize() {
        X86Rig rig = new X86Rig().program(
                "f0 80 03 01  # lock addb $1,(%rbx)",
                "66 f0 83 4b 08 01  # lock orw $1,8(%rbx)",
                "f0 48 0f ba 6b 10 05  # lock btsq $5,0x10(%rbx)",
                "f0 ff 4b 18  # lock decl 0x18(%rbx)",
                "f0 48 0f c1 4b 20  # lock xaddq %rcx,0x20(%rbx)",
                "48 87 43 28  # xchgq %rax,0x28(%rbx) (locked without the prefix)",
                X86Rig.HLT);
        rig.write64(D, 0xff);
        rig.write64(D + 0x18, 0);
        rig.write64(D + 0x20, 40);
        rig.write64(D + 0x28, 0x99);
        rig.s.r[X86State.RBX] = D;
        rig.s.r[X86State.RCX] = 2;
        rig.s.r[X86State.RAX] = 0x77;
        rig.runToHalt();
        assertEquals(0, rig.read64(D), "byte wrapped, neighbours untouched");
        assertEquals(1, rig.read64(D + 8));
        assertEquals(0x20, rig.read64(D + 0x10));
        assertEquals(0xffff_ffffL, rig.read64(D + 0x18));
        assertEquals(42, rig.read64(D + 0x20));
        assertEquals(40, rig.reg(X86State.RCX));
        assertEquals(0x77, rig.read64(D + 0x28));
        assertEquals(0x99, rig.reg(X86State.RAX));
    }

    @Test
    void lockedCompareExchangeSucceedsAndFails() {
        X86Rig rig = new X86Rig().program(
                "f0 48 0f b1 0b  # lock cmpxchgq %rcx,(%rbx)",
                "0f 94 c2  # sete %dl",
                "f0 48 0f b1 0b  # lock cmpxchgq %rcx,(%rbx)",
                "0f 94 c6  # sete %dh",
                X86Rig.HLT);
        rig.write64(D, 5);
        rig.s.r[X86State.RBX] = D;
        rig.s.r[X86State.RAX] = 5;
        rig.s.r[X86State.RCX] = 9;
        rig.runToHalt();
        assertEquals(9, rig.read64(D));
        assertEquals(0x0001, rig.reg(X86State.RDX) & 0xffff, "first succeeded, second failed");
        assertEquals(9, rig.reg(X86State.RAX), "the failed one loaded the current value");
    }

    @Test
    void unalignedAndPageSplittingLockedOperationsStillWork() {
        X86Rig rig = new X86Rig().program(
                "f0 48 83 43 03 05  # lock addq $5,3(%rbx)",
                "f0 48 0f c1 8b fc 0f 00 00  # lock xaddq %rcx,0xffc(%rbx)",
                X86Rig.HLT);
        rig.s.r[X86State.RBX] = D;
        rig.s.r[X86State.RCX] = 1L << 40;
        rig.runToHalt();
        assertEquals(5L << 24, rig.read64(D));
        assertEquals(1L << 8, rig.read64(D + 0x1000), "the upper bytes landed on the next page");
    }

    @Test
    void cmpxchg8bAnd16b() {
        X86Rig rig = new X86Rig().program(
                "49 89 d8  # movq %rbx,%r8",
                "41 0f c7 08  # cmpxchg8b (%r8)",
                "41 0f 94 c1  # sete %r9b",
                "49 0f c7 48 10  # cmpxchg16b 0x10(%r8)",
                "41 0f 94 c2  # sete %r10b",
                X86Rig.HLT);
        rig.write64(D, 0x0000_0002_0000_0001L);
        rig.write64(D + 0x10, 7);
        rig.write64(D + 0x18, 8);
        rig.s.r[X86State.RBX] = D;
        rig.s.r[X86State.RDX] = 2;
        rig.s.r[X86State.RAX] = 1;
        rig.s.r[X86State.RCX] = 0xcc;
        rig.runToHalt();
        assertEquals((0xccL << 32) | (D & 0xffff_ffffL), rig.read64(D), "ECX:EBX stored");
        assertEquals(1, rig.reg(X86State.R9) & 0xff);
        assertEquals(0, rig.reg(X86State.R10) & 0xff, "16b compared RDX:RAX = 2:1 with 8:7");
        assertEquals(7, rig.reg(X86State.RAX));
        assertEquals(8, rig.reg(X86State.RDX));
    }

    @Test
    void cmpxchg16bNeedsSixteenByteAlignment() {
        X86Rig rig = new X86Rig().program("48 0f c7 0b  # cmpxchg16b (%rbx)", X86Rig.HLT);
        rig.s.r[X86State.RBX] = D + 8;
        rig.expectException(X86Arch.GP);
    }

    @Test
    void lockedIncrementsFromTwoHostThreadsAreNotLost() throws Exception {
        TestGuest guest = new TestGuest();
        X86Backend backend = new X86Backend();
        X86Rig rig = new X86Rig(guest);
        int iterations = 200_000;
        rig.put(X86Rig.CODE,
                "b9 40 0d 03 00  # movl $200000,%ecx",
                "ba 01 00 00 00  # loop: movl $1,%edx",
                "f0 48 ff 03  # lock incq (%rbx)",
                "f0 48 0f c1 53 08  # lock xaddq %rdx,8(%rbx)",
                "ff c9  # decl %ecx",
                "75 ed  # jne loop",
                X86Rig.HLT);
        X86Core[] cores = {((X86Vcpu) backend.createCore(guest, 0)).cpu(), ((X86Vcpu) backend.createCore(guest, 1)).cpu()};
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[2];
        for (int i = 0; i < 2; i++) {
            X86Core core = cores[i];
            core.start(X86Rig.CODE, i);
            core.state().r[X86State.RBX] = D;
            threads[i] = new Thread(() -> {
                try {
                    int exit;
                    do {
                        exit = core.run(10_000);
                    } while (exit == VcpuExit.BUDGET);
                    assertEquals(VcpuExit.HALT, exit, core::report);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(2L * iterations, rig.read64(D));
        assertEquals(2L * iterations, rig.read64(D + 8));
    }
}
