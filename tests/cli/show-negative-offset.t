# numpy: offset must be positive
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap show u8.bin --offset -1
status: 1
--- stderr
ndmap: OverflowError: memory mapped offset must be positive
