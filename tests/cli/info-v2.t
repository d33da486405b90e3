# format 2.0 written by numpy for long headers
setup: printf '\223NUMPY\002\000\164\000\000\000' > v2.npy && printf '%-115s\n' "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }" >> v2.npy && head -c 24 /dev/zero >> v2.npy
run: ndmap info v2.npy && ndmap show v2.npy
status: 0
--- stdout
file:           v2.npy
format:         npy 2.0
header length:  116
data offset:    128
dtype:          float64 ('<f8')
shape:          (3,)
order:          C
itemsize:       8
size:           3
data bytes:     24
file size:      152
status:         ok
memmap([0., 0., 0.])
