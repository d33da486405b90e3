# numpy's order check
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap show u8.bin --order XY
status: 1
--- stderr
ndmap: ValueError: order must be one of 'C', 'F', 'A', or 'K' (got 'XY')
