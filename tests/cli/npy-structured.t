# a structured descr
setup: printf '\223NUMPY\001\000\166\000' > bad.npy && printf '%-117s\n' "{'descr': [('a', '<i4'), ('b', '<f8', (2,))], 'fortran_order': False, 'shape': (2,), }" >> bad.npy && head -c 40 /dev/zero >> bad.npy
run: ndmap info bad.npy
status: 0
--- stdout
file:           bad.npy
format:         npy 1.0
header length:  118
data offset:    128
dtype:          [('a', '<i4'), ('b', '<f8', (2,))] (not supported by ndmap)
shape:          (2,)
order:          C
itemsize:       20
size:           2
data bytes:     40
file size:      168
status:         ok
