/*
 * cleanwin: exercises crt0's clean_window handler, which no ordinary guest
 * reaches because the boot state has CLEANWIN = NWINDOWS - 2.
 *
 * clean_probe (assembler below) first fills the next register window with known
 * values and leaves it, then optionally sets CLEANWIN = CANRESTORE so that the
 * next SAVE finds no clean window, saves again and returns the OR of the new
 * window's locals and outs %o0-%o5. With the trap, the handler has zeroed them:
 * 0. Without it, the values written first are still there.
 *
 * Then a deep recursion runs with CLEANWIN lowered before each level, so that
 * clean_window, spill and fill traps interleave.
 */
#include <stdint.h>
#include <stdio.h>

uint64_t clean_probe(uint64_t lower_cleanwin);

__asm__(
    "\t.section \".text\"\n"
    "\t.align 4\n"
    "\t.globl clean_probe\n"
    "\t.type clean_probe, #function\n"
    "clean_probe:\n"
    "\tsave %sp, -176, %sp\n"
    "\tmov 0x101, %l0\n\tmov 0x102, %l1\n\tmov 0x104, %l2\n\tmov 0x108, %l3\n"
    "\tmov 0x110, %l4\n\tmov 0x120, %l5\n\tmov 0x140, %l6\n\tmov 0x180, %l7\n"
    "\tsethi %hi(0x10000), %o0\n\tsethi %hi(0x20000), %o1\n\tsethi %hi(0x40000), %o2\n"
    "\tsethi %hi(0x80000), %o3\n\tsethi %hi(0x100000), %o4\n\tsethi %hi(0x200000), %o5\n"
    "\trestore\n"
    "\tbrz,pn %o0, 1f\n"
    "\t nop\n"
    "\trdpr %canrestore, %g1\n"
    "\twrpr %g1, 0, %cleanwin\n"
    "1:\tsave %sp, -176, %sp\n"
    "\tor %l0, %l1, %l0\n\tor %l0, %l2, %l0\n\tor %l0, %l3, %l0\n\tor %l0, %l4, %l0\n"
    "\tor %l0, %l5, %l0\n\tor %l0, %l6, %l0\n\tor %l0, %l7, %l0\n"
    "\tor %l0, %o0, %l0\n\tor %l0, %o1, %l0\n\tor %l0, %o2, %l0\n\tor %l0, %o3, %l0\n"
    "\tor %l0, %o4, %l0\n\tor %l0, %o5, %l0\n"
    "\tret\n"
    "\t restore %l0, 0, %o0\n"
    "\t.size clean_probe, . - clean_probe\n");

static uint64_t read_cleanwin(void)
{
    uint64_t v;
    __asm__ __volatile__("rdpr %%cleanwin, %0" : "=r"(v));
    return v;
}

static uint64_t read_canrestore(void)
{
    uint64_t v;
    __asm__ __volatile__("rdpr %%canrestore, %0" : "=r"(v));
    return v;
}

static void lower_cleanwin(void)
{
    __asm__ __volatile__("rdpr %%canrestore, %%g1\n\twrpr %%g1, 0, %%cleanwin" ::: "g1");
}

__attribute__((noinline)) static uint64_t dig(unsigned depth, uint64_t seed)
{
    uint64_t mine = seed * 0x9e3779b97f4a7c15ULL + depth, below;

    if (depth == 0)
        return mine;
    lower_cleanwin();
    below = dig(depth - 1, mine ^ (mine >> 29));
    return (below << 7 | below >> 57) ^ mine;
}

static uint64_t dig_reference(unsigned depth, uint64_t seed)
{
    uint64_t mine[301], below;

    for (unsigned d = depth;; d--) {
        mine[d] = seed * 0x9e3779b97f4a7c15ULL + d;
        if (d == 0)
            break;
        seed = mine[d] ^ (mine[d] >> 29);
    }
    below = mine[0];
    for (unsigned d = 1; d <= depth; d++)
        below = (below << 7 | below >> 57) ^ mine[d];
    return below;
}

int main(void)
{
    uint64_t before, after, canrestore, cleaned;

    printf("cleanwin: window registers without clean_window: %#lx\n", (unsigned long)clean_probe(0));
    before = read_cleanwin();
    canrestore = read_canrestore();
    cleaned = clean_probe(1);
    after = read_cleanwin(); /* before printf, whose own calls would raise CLEANWIN further */
    printf("cleanwin: window registers after clean_window: %#lx\n", (unsigned long)cleaned);
    printf("cleanwin: CLEANWIN lowered to CANRESTORE (%s), one trap raised it by one (%s)\n",
           canrestore < before ? "yes" : "no", after == canrestore + 1 ? "yes" : "no");

    for (unsigned depth = 10; depth <= 300; depth *= 3) {
        uint64_t got = dig(depth, 12345), want = dig_reference(depth, 12345);
        printf("cleanwin: recursion depth %u: %s\n", depth, got == want ? "ok" : "WRONG");
    }
    return 0;
}
