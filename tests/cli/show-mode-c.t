# mode c maps copy-on-write
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap show u8.bin --mode c --shape 3
status: 0
--- stdout
memmap([0, 1, 2], dtype=uint8)
