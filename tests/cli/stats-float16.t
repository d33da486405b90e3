# float16 keeps float16 results
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap stats u8.bin --dtype f2
status: 0
--- stdout
count: 5
min:   1.526e-05
max:   0.0001535
mean:  7.97e-05
std:   0.0
nans:  0
