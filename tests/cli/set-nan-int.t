# nan into integers
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap set u8.bin 0 nan
status: 1
--- stderr
ndmap: ValueError: cannot convert float NaN to integer
