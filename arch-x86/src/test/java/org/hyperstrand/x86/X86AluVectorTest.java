package org.hyperstrand.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.exec.Flags;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential vectors from a real CPU: every integer instruction family at every operand size,
 * with edge-case operands, flags in and out (resources/vectors/alu-vectors.txt, made by gen.py
 * on an AMD EPYC host). Each vector runs one instruction (or two) on the CPU model and compares
 * RAX..RDI and the arithmetic flags the manuals define for that case.
 */
class X86AluVectorTest {

    private record Vector(String name, byte[] code, long[] before, long[] after, long flagMask) {
    }

    private static Map<String, List<Vector>> load() throws IOException {
        Map<String, List<Vector>> byName = new LinkedHashMap<>();
        try (InputStream in = X86AluVectorTest.class.getResourceAsStream("/vectors/alu-vectors.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|");
                Vector v = new Vector(f[0], X86Rig.hex(f[1]), words(f[2]), words(f[3]), Long.parseUnsignedLong(f[4], 16));
                byName.computeIfAbsent(f[0], k -> new ArrayList<>()).add(v);
            }
        }
        return byName;
    }

    private static long[] words(String s) {
        String[] p = s.trim().split(" ");
        long[] w = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            w[i] = Long.parseUnsignedLong(p[i], 16);
        }
        return w;
    }

    private static final String[] REGS = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi"};
    private static final int[] INDEX = {0, 3, 1, 2, 6, 7};

    @TestFactory
    Stream<DynamicTest> instructionsMatchTheHostCpu() throws IOException {
        Map<String, List<Vector>> all = load();
        assertTrue(all.size() > 300, "vector groups: " + all.size());
        X86Rig rig = new X86Rig().program(X86Rig.HLT);
        return all.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            for (Vector v : e.getValue()) {
                check(rig, v);
            }
        }));
    }

    private static void check(X86Rig rig, Vector v) {
        byte[] code = new byte[v.code().length + 1];
        System.arraycopy(v.code(), 0, code, 0, v.code().length);
        code[code.length - 1] = (byte) 0xf4;
        rig.put(X86Rig.CODE, code);
        for (int i = 0; i < 6; i++) {
            rig.s.r[INDEX[i]] = v.before()[i];
        }
        Flags.setRflags(rig.s, v.before()[6] & ~0x100L);
        rig.s.rip = X86Rig.CODE;
        int exit = rig.run();
        String what = v.name() + " " + hexOf(v.code()) + " with " + describe(v.before());
        assertEquals(VcpuExit.HALT, exit, () -> what + "\n" + rig.core.report());
        assertEquals(X86Rig.CODE + code.length, rig.s.rip, () -> what + ": stopped elsewhere\n" + rig.core.report());
        for (int i = 0; i < 6; i++) {
            long expected = v.after()[i];
            long actual = rig.s.r[INDEX[i]];
            int reg = i;
            assertEquals(Long.toHexString(expected), Long.toHexString(actual), () -> what + ": " + REGS[reg]);
        }
        long mask = v.flagMask();
        assertEquals(Long.toHexString(v.after()[6] & mask), Long.toHexString(rig.rflags() & mask),
                () -> what + ": flags (mask 0x" + Long.toHexString(mask) + ")");
    }

    private static String hexOf(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }

    private static String describe(long[] regs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(REGS[i]).append('=').append(Long.toHexString(regs[i])).append(' ');
        }
        return s.append("rflags=").append(Long.toHexString(regs[6])).toString();
    }
}
