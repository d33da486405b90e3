# a 0-d array
setup: ndmap create s.npy --shape '()' --fill 4
run: ndmap stats s.npy
status: 0
--- stdout
count: 1
min:   4.0
max:   4.0
mean:  4.0
std:   0.0
nans:  0
