# complex: lexicographic min/max, real std
setup: ndmap demo . >/dev/null
run: ndmap stats newfile.dat --dtype c8
status: 0
--- stdout
count: 6
min:   1j
max:   (10+11j)
mean:  (5+6j)
std:   4.830459
nans:  0
