# info describes a shape numpy cannot map
setup: printf '\223NUMPY\001\000\166\000' > bad.npy && printf '%-117s\n' "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }" >> bad.npy
run: ndmap info bad.npy; ndmap show bad.npy
status: 1
--- stdout
file:           bad.npy
format:         npy 1.0
header length:  118
data offset:    128
dtype:          float64 ('<f8')
shape:          (-1,)
order:          C
itemsize:       8
file size:      128
status:         invalid shape (negative dimensions are not allowed)
--- stderr
ndmap: ValueError: negative dimensions are not allowed
