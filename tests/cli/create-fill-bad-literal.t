# not a Python literal
run: ndmap create a.npy --shape 2 --fill abc
status: 1
--- stderr
ndmap: ValueError: could not convert string to float: 'abc'
