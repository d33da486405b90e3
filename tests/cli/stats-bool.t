# bool
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap stats u8.bin --dtype bool
status: 0
--- stdout
count: 10
min:   False
max:   True
mean:  0.9
std:   0.30000000000000004
nans:  0
