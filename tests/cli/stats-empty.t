# numpy: no identity for min of nothing
setup: ndmap create e.npy --shape 0
run: ndmap stats e.npy
status: 1
--- stderr
ndmap: ValueError: zero-size array to reduction operation minimum which has no identity
