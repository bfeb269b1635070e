package org.hyperstrand.sparc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The test assembler {@link Asm} against encodings produced by GNU as
 * ({@code sparc64-linux-gnu-as -Av9v}); the expected words are committed fixtures, so the suite
 * does not need the assembler. When it is installed, a second test re-assembles the fixture
 * texts to prove the fixtures themselves.
 */
class SparcAsmTest {

    /** {assembler text, word GNU as produced, word Asm produces}. */
    private static final Object[][] FIXTURES = {
            {"add %g1, %g2, %g3", 0x86004002, Asm.add(Asm.G3, Asm.G1, Asm.G2)},
            {"add %o1, -1, %o2", 0x94027fff, Asm.addi(Asm.O2, Asm.O1, -1)},
            {"addcc %l0, 4095, %l1", 0xa2842fff, Asm.addcci(Asm.L1, Asm.L0, 4095)},
            {"subcc %i0, %i1, %g0", 0x80a60019, Asm.cmp(Asm.I0, Asm.I1)},
            {"sub %g1, -4096, %g1", 0x82207000, Asm.subi(Asm.G1, Asm.G1, -4096)},
            {"and %g1, 0xff, %g2", 0x840860ff, Asm.andi(Asm.G2, Asm.G1, 0xff)},
            {"or %g0, 42, %o0", 0x9010202a, Asm.movi(Asm.O0, 42)},
            {"xor %o3, %o4, %o5", 0x9a1ac00c, Asm.xor(Asm.O5, Asm.O3, Asm.O4)},
            {"addc %g1, %g2, %g3", 0x86404002, Asm.arith(Asm.ADDC, Asm.G3, Asm.G1, Asm.G2)},
            {"subccc %g1, 1, %g3", 0x86e06001, Asm.arithi(Asm.SUBCCC, Asm.G3, Asm.G1, 1)},
            {"mulx %g1, %g2, %g3", 0x86484002, Asm.arith(Asm.MULX, Asm.G3, Asm.G1, Asm.G2)},
            {"umul %g1, %g2, %g3", 0x86504002, Asm.arith(Asm.UMUL, Asm.G3, Asm.G1, Asm.G2)},
            {"smulcc %g1, -3, %g3", 0x86d87ffd, Asm.arithi(Asm.SMULCC, Asm.G3, Asm.G1, -3)},
            {"udivx %g1, %g2, %g3", 0x86684002, Asm.arith(Asm.UDIVX, Asm.G3, Asm.G1, Asm.G2)},
            {"sdivx %g1, 7, %g3", 0x87686007, Asm.arithi(Asm.SDIVX, Asm.G3, Asm.G1, 7)},
            {"sdivcc %g1, %g2, %g3", 0x86f84002, Asm.arith(Asm.SDIVCC, Asm.G3, Asm.G1, Asm.G2)},
            {"mulscc %g1, %g2, %g3", 0x87204002, Asm.arith(Asm.MULSCC, Asm.G3, Asm.G1, Asm.G2)},
            {"taddcctv %g1, %g2, %g3", 0x87104002, Asm.arith(Asm.TADDCCTV, Asm.G3, Asm.G1, Asm.G2)},
            {"sll %g1, 31, %g2", 0x8528601f, Asm.slli(Asm.G2, Asm.G1, 31)},
            {"srl %g1, %g3, %g2", 0x85304003, Asm.srl(Asm.G2, Asm.G1, Asm.G3)},
            {"sra %g1, 1, %g2", 0x85386001, Asm.srai(Asm.G2, Asm.G1, 1)},
            {"sllx %g1, 63, %g2", 0x8528703f, Asm.sllxi(Asm.G2, Asm.G1, 63)},
            {"srlx %g1, %g3, %g2", 0x85305003, Asm.srlx(Asm.G2, Asm.G1, Asm.G3)},
            {"srax %g1, 32, %g2", 0x85387020, Asm.sraxi(Asm.G2, Asm.G1, 32)},
            {"popc %g1, %g2", 0x85700001, Asm.popc(Asm.G2, Asm.G1)},
            {"sethi %hi(0x12345400), %l3", 0x27048d15, Asm.sethi(Asm.L3, 0x12345400 >>> 10)},
            {"nop", 0x01000000, Asm.nop()},
            {"move %xcc, %g1, %g2", 0x85645001, Asm.movcc(Asm.E, true, Asm.G2, Asm.G1)},
            {"movne %icc, -1, %g2", 0x856667ff, Asm.movcci(Asm.NE, false, Asm.G2, -1)},
            {"movrz %g1, 5, %g2", 0x85786405, Asm.movri(Asm.RZ, Asm.G1, Asm.G2, 5)},
            {"movrgez %g1, %g3, %g2", 0x85785c03, Asm.movr(Asm.RGEZ, Asm.G1, Asm.G2, Asm.G3)},
            {"ba .+8", 0x10800002, Asm.ba(2)},
            {"ba,a .-4", 0x30bfffff, Asm.baa(-1)},
            {"bne .+16", 0x12800004, Asm.bicc(Asm.NE, false, 4)},
            {"bleu,a .+0x100", 0x28800040, Asm.bicc(Asm.LEU, true, 0x40)},
            {"bg,pt %xcc, .+12", 0x14680003, Asm.bpcc(Asm.G, false, true, true, 3)},
            {"bl,a,pn %icc, .-8", 0x2647fffe, Asm.bpcc(Asm.L, true, false, false, -2)},
            {"brnz,a,pt %g1, .+16", 0x2ac84004, Asm.bpr(Asm.RNZ, true, true, Asm.G1, 4)},
            {"brlz %o0, .-0x20000", 0x06ea0000, Asm.bpr(Asm.RLZ, false, true, Asm.O0, -0x8000)},
            {"call .+0x1000", 0x40000400, Asm.call(0x400)},
            {"jmpl %g1 + 8, %o7", 0x9fc06008, Asm.jmpl(Asm.O7, Asm.G1, 8)},
            {"jmpl %g1 + %g2, %g0", 0x81c04002, Asm.jmplr(Asm.G0, Asm.G1, Asm.G2)},
            {"ret", 0x81c7e008, Asm.ret()},
            {"retl", 0x81c3e008, Asm.retl()},
            {"return %i7 + 8", 0x81cfe008, Asm.returni(Asm.I7, 8)},
            {"ta 0xff", 0x91d020ff, Asm.ta(0xff)},
            {"ta 0x80", 0x91d02080, Asm.ta(0x80)},
            {"tne %xcc, 0x10", 0x93d03010, Asm.tcc(Asm.NE, true, 0x10)},
            {"tge %g1 + %g2", 0x97d04002, Asm.tccr(Asm.GE, Asm.G1, Asm.G2)},
            {"save %sp, -192, %sp", 0x9de3bf40, Asm.save(Asm.SP, Asm.SP, -192)},
            {"restore %g0, %g0, %g0", 0x81e80000, Asm.restore()},
            {"restore %o0, 1, %o0", 0x91ea2001, Asm.restore(Asm.O0, Asm.O0, 1)},
            {"flushw", 0x81580000, Asm.flushw()},
            {"saved", 0x81880000, Asm.saved()},
            {"restored", 0x83880000, Asm.restored()},
            {"allclean", 0x85880000, Asm.allclean()},
            {"otherw", 0x87880000, Asm.otherw()},
            {"normalw", 0x89880000, Asm.normalw()},
            {"invalw", 0x8b880000, Asm.invalw()},
            {"done", 0x81f00000, Asm.done()},
            {"retry", 0x83f00000, Asm.retry()},
            {"flush %g1 + 8", 0x81d86008, Asm.flush(Asm.G1, 8)},
            {"membar #Sync", 0x8143e040, Asm.membar(0x40)},
            {"stbar", 0x8143c000, Asm.stbar()},
            {"rdpr %tstate, %g1", 0x83508000, Asm.rdpr(Asm.G1, Asm.TSTATE)},
            {"rdpr %gl, %g2", 0x85540000, Asm.rdpr(Asm.G2, Asm.GL)},
            {"wrpr %g0, 1, %tl", 0x8f902001, Asm.wrpr(Asm.TL, Asm.G0, 1)},
            {"wrpr %g1, %g2, %pstate", 0x8d904002, Asm.wrprr(Asm.PSTATE, Asm.G1, Asm.G2)},
            {"wrpr %g1, 0, %wstate", 0x9d906000, Asm.wrpr(Asm.WSTATE, Asm.G1, 0)},
            {"rdhpr %hpstate, %g1", 0x83480000, Asm.rdhpr(Asm.G1, Asm.HPSTATE)},
            {"rdhpr %hver, %g3", 0x87498000, Asm.rdhpr(Asm.G3, Asm.HVER)},
            {"wrhpr %g1, 0, %htba", 0x8b986000, Asm.wrhpr(Asm.HTBA, Asm.G1, 0)},
            {"rd %y, %g1", 0x83400000, Asm.rd(Asm.G1, Asm.Y)},
            {"rd %ccr, %g1", 0x83408000, Asm.rd(Asm.G1, Asm.CCR)},
            {"rd %pc, %g1", 0x83414000, Asm.rd(Asm.G1, Asm.PC)},
            {"rd %softint, %g1", 0x83458000, Asm.rd(Asm.G1, Asm.SOFTINT)},
            {"rd %stick, %g2", 0x85460000, Asm.rd(Asm.G2, Asm.STICK)},
            {"wr %g0, 0x80, %asi", 0x87802080, Asm.wr(Asm.ASI, Asm.G0, 0x80)},
            {"wr %g1, %g2, %y", 0x81804002, Asm.wrr(Asm.Y, Asm.G1, Asm.G2)},
            {"wr %g1, 0x10, %softint_set", 0xa9806010, Asm.wr(Asm.SOFTINT_SET, Asm.G1, 0x10)},
            {"ldx [%g1 + 8], %g2", 0xc4586008, Asm.ldx(Asm.G2, Asm.G1, 8)},
            {"lduw [%sp + 2047], %l0", 0xe003a7ff, Asm.lduw(Asm.L0, Asm.SP, 2047)},
            {"ldsw [%g1 - 4], %g2", 0xc4407ffc, Asm.ldsw(Asm.G2, Asm.G1, -4)},
            {"lduh [%g1 + 2], %g2", 0xc4106002, Asm.lduh(Asm.G2, Asm.G1, 2)},
            {"ldsh [%g1], %g2", 0xc4504000, Asm.mem(Asm.LDSH, Asm.G2, Asm.G1, Asm.G0)},
            {"ldub [%g1 + 1], %g2", 0xc4086001, Asm.ldub(Asm.G2, Asm.G1, 1)},
            {"ldsb [%g1 + %g3], %g2", 0xc4484003, Asm.mem(Asm.LDSB, Asm.G2, Asm.G1, Asm.G3)},
            {"stx %g2, [%g1 + 16]", 0xc4706010, Asm.stx(Asm.G2, Asm.G1, 16)},
            {"stw %g2, [%g1]", 0xc4204000, Asm.mem(Asm.STW, Asm.G2, Asm.G1, Asm.G0)},
            {"sth %g2, [%g1 + 6]", 0xc4306006, Asm.sth(Asm.G2, Asm.G1, 6)},
            {"stb %g2, [%g1 + 7]", 0xc4286007, Asm.stb(Asm.G2, Asm.G1, 7)},
            {"ldd [%g2], %g4", 0xc8188000, Asm.mem(Asm.LDD, Asm.G4, Asm.G2, Asm.G0)},
            {"std %g4, [%g2 + 8]", 0xc838a008, Asm.std(Asm.G4, Asm.G2, 8)},
            {"ldstub [%g1], %g2", 0xc4684000, Asm.mem(Asm.LDSTUB, Asm.G2, Asm.G1, Asm.G0)},
            {"swap [%g1], %g2", 0xc4784000, Asm.mem(Asm.SWAP, Asm.G2, Asm.G1, Asm.G0)},
            {"ldxa [%g1 + %g0] 0x20, %g2", 0xc4d84400, Asm.mema(Asm.LDX, Asm.G2, Asm.G1, Asm.G0, 0x20)},
            {"ldxa [%g1 + 8] %asi, %g2", 0xc4d86008, Asm.memai(Asm.LDX, Asm.G2, Asm.G1, 8)},
            {"stxa %g2, [%g1 + %g3] 0x25", 0xc4f044a3, Asm.mema(Asm.STX, Asm.G2, Asm.G1, Asm.G3, 0x25)},
            {"lduwa [%g1] 0x88, %g2", 0xc4805100, Asm.mema(Asm.LDUW, Asm.G2, Asm.G1, Asm.G0, 0x88)},
            {"ldda [%g2] 0x26, %g4", 0xc89884c0, Asm.mema(Asm.LDD, Asm.G4, Asm.G2, Asm.G0, 0x26)},
            {"casa [%g1] 0x80, %g2, %g3", 0xc7e05002, Asm.casa(Asm.G1, 0x80, Asm.G2, Asm.G3)},
            {"casxa [%g1] 0x80, %g2, %g3", 0xc7f05002, Asm.casxa(Asm.G1, 0x80, Asm.G2, Asm.G3)},
            {"casxa [%g1] %asi, %g2, %g3", 0xc7f06002, Asm.casxaAsiReg(Asm.G1, Asm.G2, Asm.G3)},
            {"prefetch [%g1], 0", 0xc1684000, Asm.mem(0x2d, 0, Asm.G1, Asm.G0)},
    };

    @Test
    void asmMatchesTheGnuAssemblerEncodings() {
        for (Object[] f : FIXTURES) {
            assertEquals(hex((Integer) f[1]), hex((Integer) f[2]), (String) f[0]);
        }
    }

    @Test
    void fixturesMatchTheInstalledAssembler() throws Exception {
        assumeTrue(onPath("sparc64-linux-gnu-as") && onPath("sparc64-linux-gnu-objcopy"), "no SPARC binutils");
        Path dir = Files.createTempDirectory("sparc-asm");
        try {
            StringBuilder src = new StringBuilder();
            for (Object[] f : FIXTURES) {
                src.append('\t').append(f[0]).append('\n');
            }
            Files.writeString(dir.resolve("t.s"), src.toString());
            exec(dir, "sparc64-linux-gnu-as", "-Av9v", "-o", "t.o", "t.s");
            exec(dir, "sparc64-linux-gnu-objcopy", "-O", "binary", "-j", ".text", "t.o", "t.bin");
            ByteBuffer words = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("t.bin")));
            assertEquals(FIXTURES.length * 4, words.remaining());
            for (Object[] f : FIXTURES) {
                assertEquals(hex((Integer) f[1]), hex(words.getInt()), (String) f[0]);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static String hex(int w) {
        return String.format("%08x", w);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void exec(Path dir, String... cmd) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cmd));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }
}
