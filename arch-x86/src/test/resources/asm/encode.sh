#!/bin/sh
# Prints the bytes GNU as gives for AT&T-syntax lines, one line per instruction, as the tests
# write them ("48 01 d8  # addq %rbx,%rax"). A development aid for writing the hex encodings in
# the X86*Test classes; the suite itself never runs an assembler.
#   encode.sh 'addq %rbx, %rax' 'hlt'
set -e
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for line in "$@"; do printf '%s\n' "$line"; done > "$dir/in.S"
as --64 -o "$dir/in.o" "$dir/in.S"
objdump -d -w -M suffix "$dir/in.o" | sed -n 's/^ *[0-9a-f]*:\t\([0-9a-f ]*\)\t\(.*\)$/\1 # \2/p' | sed 's/  *#/  #/'
