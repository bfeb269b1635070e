package org.hyperstrand.tools;

import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hyperstrand.core.hcall.api.HvApiGroups;
import org.hyperstrand.core.hcall.api.HvCalls;

/**
 * The x86_64 guest programs behind {@code hv bench --arch x86}'s exit figures, assembled here as
 * machine code: hex strings, one instruction a string, with the AT&T form as a comment (as the
 * arch-x86 tests write them; {@code arch-x86/src/test/resources/asm/encode.sh} prints them).
 *
 * <ul>
 *   <li>{@link #hypercall}: negotiate sun4v 1.0 and core 1.1, then call {@code cpu_myid} with
 *       VMMCALL ({@code %rax} = 0x80, the fast trap) N times in a five-instruction loop, then
 *       {@code api_exit} with the status of the last call. The control has {@code xorq
 *       %rax,%rax}, three bytes like VMMCALL and the status a successful call leaves, in its
 *       place.</li>
 *   <li>{@link #cpuid}: CPUID leaf 0 N times in a four-instruction loop, then {@code api_exit(0)};
 *       the control has a two-byte nop where the CPUID was. Under AMD-V an intercepted CPUID
 *       is a #VMEXIT to the hypervisor, which emulates it and resumes the guest with VMRUN; a
 *       backend that does not intercept it runs it in the CPU model.</li>
 * </ul>
 * Each pair retires the same instructions, so the difference of the two run times divided by
 * N is the cost of one VMMCALL round trip, or of one CPUID exit and the VMRUN back.
 *
 * <p>The programs need no stack, no IDT and no memory beyond their own bytes; they run on the
 * boot page tables (virtual = physical) at {@link #ORIGIN}. The exit uses the core trap
 * {@code api_exit}, available without negotiation.
 */
final class X86Loops {

    /** Guest-physical address the programs are loaded at, where guest images start too. */
    static final long ORIGIN = HypercallLoop.ORIGIN;

    private static final String VMMCALL = "0f 01 d9  # vmmcall";

    private X86Loops() {
    }

    /** {@code api_set_version(group, major, minor)} by the core trap. */
    private static String[] setVersion(long group, int major, int minor) {
        return new String[] {
            "b8 ff 00 00 00  # movl $0xff,%eax (core trap)",
            "b9" + imm32(HvCalls.CORE_API_SET_VERSION) + "  # movl $api_set_version,%ecx",
            "bf" + imm32(group) + "  # movl $group,%edi",
            "be" + imm32(major) + "  # movl $major,%esi",
            "ba" + imm32(minor) + "  # movl $minor,%edx",
            VMMCALL,
        };
    }

    /** {@code api_exit(%rdi)} by the core trap. */
    private static String[] exit() {
        return new String[] {
            "b8 ff 00 00 00  # movl $0xff,%eax (core trap)",
            "b9" + imm32(HvCalls.CORE_API_EXIT) + "  # movl $api_exit,%ecx",
            VMMCALL,
        };
    }

    /**
     * The VMMCALL loop.
     *
     * @param calls   loop iterations, 1 to 2^32 - 1
     * @param trapped true for the measured program (VMMCALL), false for the control
     */
    static byte[] hypercall(long calls, boolean trapped) {
        HypercallLoop.checkCount("calls", calls);
        return hex(
                setVersion(HvApiGroups.SUN4V, 1, 0),
                setVersion(HvApiGroups.CORE, 1, 1),
                "bb" + imm32(calls) + "  # movl $calls,%ebx",
                "b8 80 00 00 00  # loop: movl $0x80,%eax (fast trap)",
                "b9" + imm32(HvCalls.FAST_CPU_MYID) + "  # movl $cpu_myid,%ecx",
                trapped ? VMMCALL : "48 31 c0  # xorq %rax,%rax",
                "ff cb  # decl %ebx",
                "75 ef  # jne loop",
                "48 89 c7  # movq %rax,%rdi (the last call's status)",
                exit());
    }

    /**
     * The CPUID loop.
     *
     * @param count   loop iterations, 1 to 2^32 - 1
     * @param exiting true for the measured program (CPUID), false for the control
     */
    static byte[] cpuid(long count, boolean exiting) {
        HypercallLoop.checkCount("count", count);
        return hex(
                "41 b8" + imm32(count) + "  # movl $count,%r8d",
                "31 c0  # loop: xorl %eax,%eax (leaf 0)",
                exiting ? "0f a2  # cpuid" : "66 90  # xchgw %ax,%ax (a two-byte nop)",
                "41 ff c8  # decl %r8d",
                "75 f7  # jne loop",
                "31 ff  # xorl %edi,%edi",
                exit());
    }

    /** " 78 56 34 12": a 32-bit immediate as the instruction stores it, little-endian. */
    static String imm32(long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("not a 32-bit unsigned value: " + value);
        }
        return String.format(" %02x %02x %02x %02x", value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff,
                value >>> 24);
    }

    /** The bytes of hex strings and arrays of them; anything after '#' in a string is a comment. */
    static byte[] hex(Object... parts) {
        String digits = Stream.of(parts)
                .flatMap(p -> p instanceof String[] a ? Stream.of(a) : Stream.of((String) p))
                .map(line -> line.replaceAll("#.*", "").replaceAll("\\s+", ""))
                .collect(Collectors.joining());
        return HexFormat.of().parseHex(digits);
    }
}
