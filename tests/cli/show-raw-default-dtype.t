# uint8 by default, 1-D inferred
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap show u8.bin
status: 0
--- stdout
memmap([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], dtype=uint8)
