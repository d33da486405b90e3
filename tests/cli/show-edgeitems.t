# --threshold and --edgeitems
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap show u8.bin --threshold 5 --edgeitems 2
status: 0
--- stdout
memmap([0, 1, ..., 8, 9], shape=(10,), dtype=uint8)
