#!/bin/sh
# Regenerates the words of SparcGccWorkloadFixture (a test-only fixture; the suite does not
# need a cross compiler). Prints the image as hex words and the expected result as computed
# by the same C code on the host and under qemu-sparc64.
set -e
cd "$(dirname "$0")"
out=$(mktemp -d)
FLAGS="-O2 -mcpu=niagara2 -ffreestanding -fno-pic -fno-pie -mcmodel=medlow -fno-stack-protector -fno-builtin"
sparc64-linux-gnu-gcc $FLAGS -c workload.c -o "$out/workload.o"
sparc64-linux-gnu-gcc -c start.S -o "$out/start.o"
sparc64-linux-gnu-ld -T link.ld -nostdlib -static -no-pie "$out/start.o" "$out/workload.o" -o "$out/workload.elf"
sparc64-linux-gnu-objcopy -O binary "$out/workload.elf" "$out/workload.bin"
od -An -v -tx1 "$out/workload.bin" | tr -s ' \n' ' ' | sed 's/ \([0-9a-f][0-9a-f]\) \([0-9a-f][0-9a-f]\) \([0-9a-f][0-9a-f]\) \([0-9a-f][0-9a-f]\)/0x\1\2\3\4,\n/g'
printf '#include <stdio.h>\nunsigned long compute(void);\nint main(void) { printf("0x%%016lx\\n", compute()); return 0; }\n' > "$out/main.c"
gcc -O2 -o "$out/host" "$out/main.c" workload.c && "$out/host"
if command -v qemu-sparc64 >/dev/null; then
    sparc64-linux-gnu-gcc -O2 -static -o "$out/qemu" "$out/main.c" workload.c && qemu-sparc64 "$out/qemu"
fi
rm -rf "$out"
