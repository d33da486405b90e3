# --full never summarises
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap show u8.bin --threshold 4 && ndmap show u8.bin --threshold 4 --full
status: 0
--- stdout
memmap([0, 1, 2, ..., 7, 8, 9], shape=(10,), dtype=uint8)
memmap([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], dtype=uint8)
