# integers: mean and std in float64
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap stats u8.bin && ndmap stats u8.bin --dtype i2 --json
status: 0
--- stdout
count: 10
min:   0
max:   9
mean:  4.5
std:   2.8722813232690143
nans:  0
{"count": 5, "dtype": "int16", "min": 256, "max": 2312, "mean": 1284.0, "std": 726.9057710597708, "nans": 0}
