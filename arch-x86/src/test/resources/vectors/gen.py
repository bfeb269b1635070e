#!/usr/bin/env python3
"""Regenerates alu-vectors.txt: flag and result vectors for integer instructions, taken from the
host CPU (x86-64 Linux, gcc). Test-only fixture; the suite reads the committed text file and
needs no assembler.

Each snippet (one instruction in AT&T syntax, using only rax rbx rcx rdx rsi rdi) runs natively
from a register file and an RFLAGS value; the vector records the instruction bytes, the inputs,
the outputs and which arithmetic flags are defined for that case (the manuals leave some
undefined, and those differ between vendors).

Line format:  name|hex bytes|rax rbx rcx rdx rsi rdi rflags|same after|flag mask
"""
import os
import random
import subprocess
import sys
import tempfile

CF, PF, AF, ZF, SF, OF = 1, 4, 16, 64, 128, 2048
ALL = CF | PF | AF | ZF | SF | OF
rng = random.Random(20240611)

SUFFIX = {8: 'b', 16: 'w', 32: 'l', 64: 'q'}
A = {8: '%al', 16: '%ax', 32: '%eax', 64: '%rax'}
B = {8: '%bl', 16: '%bx', 32: '%ebx', 64: '%rbx'}
D = {8: '%dl', 16: '%dx', 32: '%edx', 64: '%rdx'}

EDGES = [0, 1, 2, 3, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x100, 0x7fff, 0x8000, 0x8001, 0xffff, 0x1_0000,
         0x7fff_ffff, 0x8000_0000, 0x8000_0001, 0xffff_ffff, 0x1_0000_0000, 0x7fff_ffff_ffff_ffff,
         0x8000_0000_0000_0000, 0x8000_0000_0000_0001, 0xffff_ffff_ffff_fffe, 0xffff_ffff_ffff_ffff,
         0x0f, 0x10, 0x5555_5555_5555_5555, 0xaaaa_aaaa_aaaa_aaaa]


def value(bits):
    """A 64-bit register value whose low `bits` are an edge value or random."""
    mask = (1 << bits) - 1
    low = rng.choice(EDGES) & mask if rng.random() < 0.7 else rng.getrandbits(bits)
    return (rng.getrandbits(64) & ~mask & 0xffff_ffff_ffff_ffff) | low


def flags_in():
    return 0x202 | (rng.getrandbits(12) & ALL)


cases = []  # (name, asm, regs list, mask)


def add(name, asm, regs, mask):
    cases.append((name, asm, regs, mask))


def regs(bits, count=None, **fixed):
    r = {'rax': value(bits), 'rbx': value(bits), 'rcx': value(bits), 'rdx': value(bits),
         'rsi': value(bits), 'rdi': value(bits)}
    if count is not None:
        r['rcx'] = (rng.getrandbits(64) & ~0xff) | count
    r.update(fixed)
    return [r['rax'], r['rbx'], r['rcx'], r['rdx'], r['rsi'], r['rdi'], flags_in()]


N = 48
for bits in (8, 16, 32, 64):
    s = SUFFIX[bits]
    for op in ('add', 'adc', 'sub', 'sbb', 'cmp'):
        for _ in range(N):
            add(f'{op}{s}', f'{op}{s} {B[bits]}, {A[bits]}', regs(bits), ALL)
    for op in ('and', 'or', 'xor', 'test'):
        for _ in range(N // 2):
            add(f'{op}{s}', f'{op}{s} {B[bits]}, {A[bits]}', regs(bits), ALL & ~AF)
    for op in ('inc', 'dec', 'neg'):
        for _ in range(N // 2):
            add(f'{op}{s}', f'{op}{s} {A[bits]}', regs(bits), ALL)
    for _ in range(8):
        add(f'not{s}', f'not{s} {A[bits]}', regs(bits), ALL)
    # immediate forms
    imm = {8: '$0x85', 16: '$-3', 32: '$0x12345678', 64: '$-0x7f'}[bits]
    for op in ('add', 'sub', 'adc', 'sbb', 'cmp'):
        for _ in range(8):
            add(f'{op}{s}-imm', f'{op}{s} {imm}, {A[bits]}', regs(bits), ALL)
    for op in ('and', 'or', 'xor'):
        for _ in range(8):
            add(f'{op}{s}-imm', f'{op}{s} {imm}, {A[bits]}', regs(bits), ALL & ~AF)
    # shifts and rotates by CL
    counts = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255]
    for op in ('shl', 'shr', 'sar', 'rol', 'ror', 'rcl', 'rcr'):
        for count in counts:
            for _ in range(3):
                masked = count & (63 if bits == 64 else 31)
                if masked == 0:
                    mask = ALL
                elif op in ('shl', 'shr', 'sar'):
                    mask = ALL & ~AF
                    if masked != 1:
                        mask &= ~OF
                    if masked > bits:
                        mask &= ~CF
                else:
                    mask = ALL if masked == 1 else ALL & ~OF
                add(f'{op}{s}-cl', f'{op}{s} %cl, {A[bits]}', regs(bits, count), mask)
        for _ in range(4):
            add(f'{op}{s}-1', f'{op}{s} {A[bits]}', regs(bits), ALL & ~AF if op in ('shl', 'shr', 'sar') else ALL)
    # multiply
    for _ in range(N // 2):
        add(f'mul{s}', f'mul{s} {B[bits]}', regs(bits), CF | OF)
        add(f'imul{s}', f'imul{s} {B[bits]}', regs(bits), CF | OF)
        if bits > 8:
            add(f'imul{s}-2op', f'imul{s} {B[bits]}, {A[bits]}', regs(bits), CF | OF)
            add(f'imul{s}-3op', f'imul{s} $-77, {B[bits]}, {A[bits]}', regs(bits), CF | OF)
    # divide without #DE: divisor in rbx, dividend high part below it
    for _ in range(N // 2):
        r = regs(bits)
        mask = (1 << bits) - 1
        divisor = r[1] & mask or 1
        r[1] = (r[1] & ~mask) | divisor
        if bits == 8:
            r[0] = (r[0] & ~0xffff) | (rng.randrange(divisor) << 8) | rng.getrandbits(8)
        else:
            r[3] = (r[3] & ~mask) | rng.randrange(divisor)
        add(f'div{s}', f'div{s} {B[bits]}', r, 0)
    for _ in range(N // 2):
        r = regs(bits)
        mask = (1 << bits) - 1
        divisor = rng.choice([1, 2, 3, 7, 100, mask, mask - 1, rng.getrandbits(bits) | 1]) & mask
        divisor = divisor or 1
        r[1] = (r[1] & ~mask) | divisor
        q = rng.randrange(-(1 << (bits - 2)), 1 << (bits - 2))
        sdiv = divisor - (1 << bits) if divisor >> (bits - 1) else divisor
        rem = rng.randrange(abs(sdiv)) * (1 if q >= 0 else -1)
        dividend = (q * sdiv + rem) & ((1 << (2 * bits)) - 1)
        if bits == 8:
            r[0] = (r[0] & ~0xffff) | dividend
        else:
            r[0] = (r[0] & ~mask) | (dividend & mask)
            r[3] = (r[3] & ~mask) | (dividend >> bits)
        add(f'idiv{s}', f'idiv{s} {B[bits]}', r, 0)
    if bits > 8:
        for op in ('bt', 'bts', 'btr', 'btc'):
            for _ in range(12):
                add(f'{op}{s}', f'{op}{s} {B[bits]}, {A[bits]}', regs(bits), CF)
                add(f'{op}{s}-imm', f'{op}{s} $13, {A[bits]}', regs(bits), CF)
        for op in ('bsf', 'bsr'):
            for _ in range(12):
                add(f'{op}{s}', f'{op}{s} {B[bits]}, {A[bits]}', regs(bits), ZF)
            add(f'{op}{s}-zero', f'{op}{s} {B[bits]}, {A[bits]}', regs(bits, rbx=0), ZF)
        for _ in range(12):
            add(f'lzcnt{s}', f'lzcnt{s} {B[bits]}, {A[bits]}', regs(bits), CF | ZF)
            add(f'popcnt{s}', f'popcnt{s} {B[bits]}, {A[bits]}', regs(bits), ALL)
        add(f'lzcnt{s}-zero', f'lzcnt{s} {B[bits]}, {A[bits]}', regs(bits, rbx=0), CF | ZF)
        # F3 0F BC: TZCNT on the host, BSF on a CPU without BMI1; they agree on the result for
        # a non-zero source (ZF differs, so it is not compared)
        for _ in range(6):
            add(f'tzcnt-encoding{s}', f'rep bsf{s} {B[bits]}, {A[bits]}',
                regs(bits, rbx=(rng.getrandbits(64) | (1 << rng.randrange(bits))) & 0xffff_ffff_ffff_ffff), 0)
        for _ in range(8):
            add(f'shld{s}-cl', f'shld{s} %cl, {B[bits]}, {A[bits]}',
                regs(bits, rng.choice([1, 2, 5, 8, 15, 16] + ([17, 31] if bits > 16 else []))),
                ALL & ~AF & ~OF)
            add(f'shrd{s}-cl', f'shrd{s} %cl, {B[bits]}, {A[bits]}',
                regs(bits, rng.choice([1, 2, 5, 8, 15, 16] + ([17, 31] if bits > 16 else []))),
                ALL & ~AF & ~OF)
            add(f'shld{s}-1', f'shld{s} $1, {B[bits]}, {A[bits]}', regs(bits), ALL & ~AF)
            add(f'shrd{s}-1', f'shrd{s} $1, {B[bits]}, {A[bits]}', regs(bits), ALL & ~AF)
    for _ in range(12):
        add(f'xadd{s}', f'xadd{s} {B[bits]}, {A[bits]}', regs(bits), ALL)
        add(f'cmpxchg{s}', f'cmpxchg{s} {B[bits]}, {D[bits]}', regs(bits), ALL)
        r = regs(bits)
        r[3] = r[0]
        add(f'cmpxchg{s}-equal', f'cmpxchg{s} {B[bits]}, {D[bits]}', r, ALL)

# register encodings: high bytes without REX, low bytes of rsi/rdi with REX, zero-extension
for _ in range(8):
    add('addb-ah-bl', 'addb %ah, %bl', regs(64), ALL)
    add('movb-bh-al', 'movb %bh, %al', regs(64), 0)
    add('movb-dh-ch', 'movb %dh, %ch', regs(64), 0)
    add('addb-sil-dil', 'addb %sil, %dil', regs(64), ALL)
    add('movl-zero-extends', 'movl %ebx, %eax', regs(64), 0)
    add('movw-merges', 'movw %bx, %ax', regs(64), 0)
    add('xorl-zeroing', 'xorl %eax, %eax', regs(64), ALL & ~AF)
    add('movzbl', 'movzbl %bh, %eax', regs(64), 0)
    add('movzwq', 'movzwq %bx, %rax', regs(64), 0)
    add('movsbq', 'movsbq %bl, %rax', regs(64), 0)
    add('movswl', 'movswl %bx, %eax', regs(64), 0)
    add('movslq', 'movslq %ebx, %rax', regs(64), 0)
    add('cbtw', 'cbtw', regs(64), 0)
    add('cwtl', 'cwtl', regs(64), 0)
    add('cltq', 'cltq', regs(64), 0)
    add('cwtd', 'cwtd', regs(64), 0)
    add('cltd', 'cltd', regs(64), 0)
    add('cqto', 'cqto', regs(64), 0)
    add('bswapl', 'bswap %eax', regs(64), 0)
    add('bswapq', 'bswap %rax', regs(64), 0)
    add('xchgb-ah-al', 'xchgb %ah, %al', regs(64), 0)
    add('xchgl', 'xchgl %ebx, %eax', regs(64), 0)
    add('leaq', 'leaq 0x10(%rbx,%rcx,4), %rax', regs(64), 0)
    add('leal', 'leal -1(%rbx,%rcx,8), %eax', regs(64), 0)
    add('leaw', 'leaw 7(%rbx), %ax', regs(64), 0)
    add('sahf', 'sahf', regs(64), ALL & ~OF)
    add('lahf', 'lahf', regs(64), ALL)
    add('cmc', 'cmc', regs(64), ALL)
for cc in ('o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'):
    for _ in range(12):
        add(f'set{cc}', f'set{cc} %al', regs(64), ALL)
        add(f'cmov{cc}-l', f'cmov{cc}l %ebx, %eax', regs(64), ALL)
        add(f'cmov{cc}-q', f'cmov{cc}q %rbx, %rax', regs(64), ALL)
    # conditions after a compare (lazy path): cmp then setcc
    for _ in range(12):
        add(f'cmp-set{cc}', f'cmpl %ebx, %eax; set{cc} %cl', regs(32), ALL)
        add(f'cmpb-set{cc}', f'cmpb %bl, %al; set{cc} %cl', regs(8), ALL)
        add(f'test-set{cc}', f'testq %rbx, %rax; set{cc} %cl', regs(64), ALL & ~AF)
        add(f'add-set{cc}', f'addw %bx, %ax; set{cc} %cl', regs(16), ALL)
        add(f'sub-set{cc}', f'subq %rbx, %rax; set{cc} %cl', regs(64), ALL)


def main(out):
    work = tempfile.mkdtemp()
    asm = ['.text', '.globl snippets', '.globl snippet_count', '.section .rodata', 'snippet_count: .quad %d' % len(cases),
           'snippets:']
    for i in range(len(cases)):
        asm.append(f'  .quad s{i}_start, s{i}_end')
    asm.append('.text')
    for i, (name, code, _, _) in enumerate(cases):
        asm += [f's{i}:', '  push %rbx', '  push %r15', '  mov %rdi, %r15',
                '  mov 0(%r15), %rax', '  mov 8(%r15), %rbx', '  mov 16(%r15), %rcx', '  mov 24(%r15), %rdx',
                '  mov 32(%r15), %rsi', '  mov 40(%r15), %rdi', '  pushq 48(%r15)', '  popfq',
                f's{i}_start:', '  ' + code, f's{i}_end:',
                '  pushfq', '  popq 48(%r15)', '  mov %rax, 0(%r15)', '  mov %rbx, 8(%r15)', '  mov %rcx, 16(%r15)',
                '  mov %rdx, 24(%r15)', '  mov %rsi, 32(%r15)', '  mov %rdi, 40(%r15)',
                '  pop %r15', '  pop %rbx', '  ret']
    asm.append('.section .rodata')
    asm.append('functions:')
    for i in range(len(cases)):
        asm.append(f'  .quad s{i}')
    asm.append('.globl functions')
    asm.append('.section .note.GNU-stack,"",@progbits')
    open(os.path.join(work, 's.S'), 'w').write('\n'.join(asm) + '\n')
    c = r'''
#include <stdio.h>
#include <stdint.h>
extern const uint64_t snippets[][2];
extern void (*const functions[])(uint64_t *);
int main(void) {
    uint64_t r[7];
    int i, k;
    while (scanf("%d", &i) == 1) {
        for (k = 0; k < 7; k++) scanf("%lx", &r[k]);
        functions[i](r);
        for (k = 0; k < 7; k++) printf("%lx ", r[k]);
        const uint8_t *p = (const uint8_t *) snippets[i][0];
        for (; p < (const uint8_t *) snippets[i][1]; p++) printf("%02x", *p);
        printf("\n");
    }
    return 0;
}
'''
    open(os.path.join(work, 'm.c'), 'w').write(c)
    exe = os.path.join(work, 'run')
    subprocess.check_call(['gcc', '-O1', '-no-pie', '-o', exe, os.path.join(work, 'm.c'), os.path.join(work, 's.S')])
    inp = ''.join(f'{i} ' + ' '.join('%x' % v for v in regs_) + '\n' for i, (_, _, regs_, _) in enumerate(cases))
    res = subprocess.run([exe], input=inp, capture_output=True, text=True, check=True).stdout.splitlines()
    with open(out, 'w') as f:
        f.write('# generated by gen.py on the host CPU; do not edit\n')
        for (name, code, before, mask), line in zip(cases, res):
            parts = line.split()
            after, hexbytes = parts[:7], parts[7]
            f.write('%s|%s|%s|%s|%x\n' % (name, hexbytes, ' '.join('%x' % v for v in before), ' '.join(after), mask))
    print(len(cases), 'vectors')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'alu-vectors.txt'))
