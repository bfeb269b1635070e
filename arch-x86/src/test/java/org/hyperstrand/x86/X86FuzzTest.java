package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.junit.jupiter.api.Test;

/**
 * Random bytes as a guest's code, run under the hypervisor (VMRUN, #VMEXITs, hypercalls with
 * random results, wild ports, MSRs and CPUID): run() must never throw, never stop with an internal error of the model,
 * and the report must always be producible. Exception handlers step over the faulting byte
 * (they increment the saved RIP and IRET), so the random stream keeps executing through faults,
 * including stores that wreck the IDT, the page tables or the code itself.
 */
class X86FuzzTest {

    private static final String[] BIASED = {"66", "67", "f0", "f2", "f3", "2e", "64", "65", "0f", "0f 01", "0f 38",
        "48", "4c", "41", "c4", "c5", "cd", "d9", "ff", "f7", "8f", "c7", "0f c7", "0f ae", "0f ba"};

    private static void stepOverHandlers(X86Rig rig) {
        for (int v = 0; v < 256; v++) {
            String[] handler = X86Arch.pushesErrorCode(v) && v < 32
                    ? new String[] {"48 83 c4 08  # addq $8,%rsp", "48 ff 04 24  # incq (%rsp)", "48 cf  # iretq"}
                    : new String[] {"48 ff 04 24  # incq (%rsp)", "48 cf  # iretq"};
            rig.put(X86Rig.HANDLERS + 16L * v, handler);
        }
    }

    private static byte[] randomCode(Random r, int n) {
        byte[] code = new byte[n];
        r.nextBytes(code);
        if (r.nextBoolean()) {
            // sprinkle prefixes and escape bytes, which random bytes rarely combine
            for (int i = 0; i < n / 4; i++) {
                byte[] b = X86Rig.hex(BIASED[r.nextInt(BIASED.length)]);
                int at = r.nextInt(n - b.length);
                System.arraycopy(b, 0, code, at, b.length);
            }
        }
        return code;
    }

    private static void fuzz(long seed, boolean withHandlers) {
        Random r = new Random(seed);
        X86Rig rig = X86Rig.guest().program(X86Rig.HLT);
        if (withHandlers) {
            stepOverHandlers(rig);
        } else if (r.nextBoolean()) {
            rig.s.idtLimit = 0;
        }
        long start = X86Rig.CODE + 0x1000 - r.nextInt(64);      // straddle a page boundary
        rig.put(start, randomCode(r, 8192));
        rig.s.rip = start;
        for (int i = 0; i < 16; i++) {
            if (i != X86State.RSP) {
                rig.s.r[i] = r.nextInt(4) == 0 ? r.nextLong() : X86Rig.DATA + r.nextInt(0x1000);
            }
        }
        String what = "seed " + seed;
        for (int slice = 0; slice < 20; slice++) {
            int exit;
            try {
                exit = rig.run(2_000);
            } catch (RuntimeException | Error e) {
                throw new AssertionError(what + ": run() threw", e);
            }
            assertTrue(exit >= VcpuExit.BUDGET && exit <= VcpuExit.FATAL, what);
            if (exit == VcpuExit.FATAL) {
                break;
            }
            if (exit == VcpuExit.HYPERCALL) {
                rig.vcpu.completeHypercall(r.nextLong());
            }
        }
        String report = rig.vcpu.report();
        assertFalse(report.contains("internal error"), () -> what + "\n" + report);
    }

    @Test
    void randomCodeWithExceptionHandlersNeverBreaksTheModel() {
        for (long seed = 1; seed <= 400; seed++) {
            fuzz(seed, true);
        }
    }

    @Test
    void randomCodeWithoutHandlersNeverBreaksTheModel() {
        for (long seed = 1000; seed < 1200; seed++) {
            fuzz(seed, false);
        }
    }

    @Test
    void randomCodeInUserModeNeverBreaksTheModel() {
        for (long seed = 5000; seed < 5150; seed++) {
            Random r = new Random(seed);
            X86Rig rig = X86Rig.guest().program(X86Rig.HLT);
            stepOverHandlers(rig);
            rig.put(X86Rig.CODE, randomCode(r, 4096));
            rig.s.rip = X86Rig.CODE;
            rig.userMode();
            for (int slice = 0; slice < 10; slice++) {
                int exit = rig.run(2_000);
                if (exit == VcpuExit.FATAL) {
                    break;
                }
                if (exit == VcpuExit.HYPERCALL) {
                    rig.vcpu.completeHypercall(0);
                }
            }
            String report = rig.vcpu.report();
            long s = seed;
            assertFalse(report.contains("internal error"), () -> "seed " + s + "\n" + report);
        }
    }
}
