# numpy 2: Python integer out of bounds
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap set u8.bin 0 300
status: 1
--- stderr
ndmap: OverflowError: Python integer 300 out of bounds for uint8
