package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.x86.cpu.X86Arch;
import org.junit.jupiter.api.Test;

/**
 * The report's list of the last instructions: the CPU records straight-line runs, not every
 * address, and the report decodes them back into the instructions executed.
 */
class X86ReportTest {

    private static final long LOOP_TOP = X86Rig.CODE + 5;
    private static final long SUB = X86Rig.CODE + 9;
    private static final long JNE = X86Rig.CODE + 12;
    private static final long MOVABS = X86Rig.CODE + 14;
    private static final long LOAD = X86Rig.CODE + 24;

    /** Addresses of the report's "last instructions" lines, in order. */
    private static List<Long> listed(String report) {
        List<Long> rips = new ArrayList<>();
        String[] lines = report.split("\n");
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("last instructions")) {
                in = true;
            } else if (in && line.startsWith("  0x")) {
                rips.add(Long.parseLong(line.substring(4, line.indexOf(':')), 16));
            }
        }
        return rips;
    }

    @Test
    void theLastSixteenInstructionsThroughTakenBranchesAndAFault() {
        X86Rig rig = new X86Rig().program(
                "b9 05 00 00 00  # mov $5,%ecx",
                "48 83 c0 02     # add $2,%rax",                    // LOOP_TOP
                "83 e9 01        # sub $1,%ecx",
                "75 f7           # jne LOOP_TOP",
                "48 b8 00 00 00 00 00 80 00 00  # movabs $0x800000000000,%rax",
                "48 8b 18        # movq (%rax),%rbx");              // #GP: non-canonical
        rig.expectException(X86Arch.GP);
        List<Long> expected = new ArrayList<>();
        expected.add(JNE);                                          // of the first iteration
        for (int i = 0; i < 4; i++) {
            expected.addAll(List.of(LOOP_TOP, SUB, JNE));
        }
        expected.addAll(List.of(MOVABS, LOAD, X86Rig.HANDLERS + 16L * X86Arch.GP));
        String report = rig.core.report();
        assertEquals(expected, listed(report), report);
        assertTrue(report.contains("0x" + Long.toHexString(MOVABS) + ": 48 b8 00 00 00 00 00 80  mov_ri64"), report);
    }

    @Test
    void aShortProgramListsEveryInstruction() {
        X86Rig rig = new X86Rig().program("90  # nop", "90  # nop", X86Rig.HLT).runToHalt();
        assertEquals(List.of(X86Rig.CODE, X86Rig.CODE + 1, X86Rig.CODE + 2), listed(rig.core.report()));
    }
}
