# nan into an integer array
run: ndmap create a.npy --dtype i4 --shape 2 --fill nan
status: 1
--- stderr
ndmap: ValueError: cannot convert float NaN to integer
