package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.decode.Insn;
import org.hyperstrand.x86.decode.Op;
import org.hyperstrand.x86.decode.X86Decoder;
import org.junit.jupiter.api.Test;

/** Instruction lengths and prefix rules of the decoder, and what is deliberately #UD. */
class X86DecoderTest {

    @Test
    void everyEncodingGccAndGasEmitDecodesToItsLength() throws IOException {
        X86Decoder d = new X86Decoder();
        int checked = 0;
        try (InputStream in = getClass().getResourceAsStream("/vectors/decode-lengths.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|");
                byte[] code = X86Rig.hex(f[0]);
                byte[] padded = new byte[32];
                System.arraycopy(code, 0, padded, 0, code.length);
                int len = d.decode(padded, 0, padded.length);
                assertEquals(code.length, len, () -> f[0] + " (" + f[1] + ")");
                int op = Insn.op(d.a);
                if (!f[1].startsWith("ud2")) {
                    assertNotEquals(Op.UD, op, () -> f[0] + " (" + f[1] + ") decodes to #UD");
                }
                assertNotEquals(Op.NOT_DECODED, op, () -> f[0] + " (" + f[1] + ")");
                checked++;
            }
        }
        assertTrue(checked > 500, "checked " + checked);
    }

    @Test
    void partialInstructionsAskForMoreBytes() {
        X86Decoder d = new X86Decoder();
        byte[] movabs = X86Rig.hex("48 b8 88 77 66 55 44 33 22 11");
        assertEquals(X86Decoder.NEED_MORE, d.decode(movabs, 0, 4));
        assertEquals(10, d.decode(movabs, 0, 10));
        assertEquals(0x1122_3344_5566_7788L, d.b);
    }

    @Test
    void fifteenBytesAreTheLimit() {
        X86Decoder d = new X86Decoder();
        byte[] fifteen = new byte[16];
        java.util.Arrays.fill(fifteen, 0, 14, (byte) 0x66);
        fifteen[14] = (byte) 0x90;
        assertEquals(15, d.decode(fifteen, 0, 16));
        byte[] sixteen = new byte[17];
        java.util.Arrays.fill(sixteen, 0, 15, (byte) 0x66);
        sixteen[15] = (byte) 0x90;
        assertEquals(X86Decoder.TOO_LONG, d.decode(sixteen, 0, 17));

        X86Rig rig = new X86Rig().program("66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 90");
        rig.expectException(X86Arch.GP);
    }

    @Test
    void paddingNopsAndHintsExecuteAsNothing() {
        X86Rig rig = new X86Rig().program(
                "90", "66 90", "0f 1f 00", "0f 1f 40 00", "0f 1f 44 00 00", "66 0f 1f 44 00 00",
                "0f 1f 80 00 00 00 00", "0f 1f 84 00 00 00 00 00", "66 0f 1f 84 00 00 00 00 00",
                "66 2e 0f 1f 84 00 00 00 00 00", "66 66 2e 0f 1f 84 00 00 00 00 00",
                "f3 0f 1e fa  # endbr64", "f3 90  # pause", "0f ae e8  # lfence", "0f ae f0  # mfence",
                "0f ae f8  # sfence", "0f ae 3b  # clflush (%rbx)", "0f 0d 0b  # prefetchw (%rbx)",
                "0f 18 0b  # prefetcht0 (%rbx)", "9b  # wait", "0f 09  # wbinvd", "0f 08  # invd",
                X86Rig.HLT);
        rig.s.r[X86State.RBX] = 0x7000_0000_0000L;              // hints never touch memory
        long before = rig.rflags();
        rig.runToHalt();
        assertEquals(before, rig.rflags());
        assertEquals(X86Rig.CODE + 96, rig.s.rip);
    }

    @Test
    void aRexPrefixFollowedByAnotherPrefixIsIgnored() {
        X86Rig rig = new X86Rig().program("48 66 89 c3  # rex.w data16 mov %ax,%bx", X86Rig.HLT);
        rig.s.r[X86State.RAX] = 0x1122_3344_5566_7788L;
        rig.s.r[X86State.RBX] = -1;
        rig.runToHalt();
        assertEquals(0xffff_ffff_ffff_7788L, rig.reg(X86State.RBX));
    }

    @Test
    void rexBTurnsNopIntoAnExchangeWithR8() {
        X86Rig rig = new X86Rig().program("49 90  # xchgq %rax,%r8", X86Rig.HLT);
        rig.s.r[X86State.RAX] = 1;
        rig.s.r[X86State.R8] = 2;
        rig.runToHalt();
        assertEquals(2, rig.reg(X86State.RAX));
        assertEquals(1, rig.reg(X86State.R8));
    }

    @Test
    void lockOnlyOnLockableMemoryForms() {
        for (String bad : new String[] {"f0 48 89 03  # lock movq %rax,(%rbx)", "f0 48 01 c3  # lock addq %rax,%rbx",
            "f0 48 83 3b 00  # lock cmpq $0,(%rbx)", "f0 90  # lock nop", "f0 0f a3 03  # lock bt %eax,(%rbx)"}) {
            X86Rig rig = new X86Rig().program(bad);
            rig.s.r[X86State.RBX] = X86Rig.DATA;
            rig.expectException(X86Arch.UD);
        }
    }

    @Test
    void unimplementedExtensionsAreInvalidOpcodes() {
        for (String ud : new String[] {"f3 0f c7 f8  # rdpid", "0f c7 f0  # rdrand", "0f 01 d0  # xgetbv",
            "0f 01 c8  # monitor", "0f 01 d8  # vmrun (no SVM yet)", "0f 01 dc  # stgi", "0f 38 f0 03  # movbe",
            "62 f1 7c 48 28 c1  # evex", "0f 0b  # ud2", "0f ff 00  # ud0", "0e  # push %cs (invalid in 64-bit)",
            "d6  # salc", "8e c8  # mov %ax,%cs", "0f 20 c8  # mov %cr1,%rax", "0f 00 e0  # verr %ax"}) {
            X86Rig rig = new X86Rig().program(ud);
            rig.expectException(X86Arch.UD);
            assertEquals(X86Rig.CODE, rig.stack(0), ud);
        }
    }
}
