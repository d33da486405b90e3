# an empty result is not an error
setup: ndmap create e.npy --shape 0,3
run: ndmap stats e.npy --axis 1
status: 0
--- stdout
count: 3
min:   []
max:   []
mean:  []
std:   []
nans:  []
