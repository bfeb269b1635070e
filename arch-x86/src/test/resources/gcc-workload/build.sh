#!/bin/sh
# Regenerates the bytes of X86GccWorkloadFixture (a test-only fixture; the suite needs no
# compiler). Prints the flat image as hex bytes, its .bss end, and the expected result as
# computed by the same C code on the host.
set -e
cd "$(dirname "$0")"
out=$(mktemp -d)
FLAGS="-O2 -ffreestanding -mgeneral-regs-only -mno-red-zone -fno-pic -fno-pie -fno-stack-protector \
 -fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns -fcf-protection=none"
gcc $FLAGS -c workload.c -o "$out/workload.o"
gcc -c start.S -o "$out/start.o"
(cd "$out" && ld -T "$OLDPWD/link.ld" -nostdlib -static -no-pie start.o workload.o -o workload.elf)
objcopy -O binary "$out/workload.elf" "$out/workload.bin"
echo "image bytes: $(stat -c %s "$out/workload.bin")"
nm "$out/workload.elf" | grep -E ' (_start|compute)$'
od -An -v -tx1 "$out/workload.bin" | tr -d " \n" | fold -w 96 | sed "s/.*/        \"&\",/"
echo
printf '#include <stdio.h>\nunsigned long compute(void);\nint main(void) { printf("0x%%016lx\\n", compute()); return 0; }\n' > "$out/main.c"
gcc -O2 -fno-builtin -o "$out/host" "$out/main.c" workload.c && "$out/host"
objdump -d "$out/workload.elf" | awk -F'\t' 'NF >= 3 { split($3, m, " "); print m[1] }' | sort | uniq -c | sort -rn > "$out/mnemonics"
echo "distinct mnemonics: $(wc -l < "$out/mnemonics")"
cat "$out/mnemonics" | tr -s ' ' | tr '\n' ',' ; echo
rm -rf "$out"
