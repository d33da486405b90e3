# floats truncate toward zero, then the bounds check
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap set u8.bin 0 2.7 && ndmap set u8.bin 1 -1.5; ndmap show u8.bin
status: 0
--- stdout
memmap([2, 1, 2, 3, 4, 5, 6, 7, 8, 9], dtype=uint8)
--- stderr
ndmap: OverflowError: Python integer -1 out of bounds for uint8
