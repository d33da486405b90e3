# info describes dtypes ndmap cannot map
setup: printf '\223NUMPY\001\000\166\000' > bad.npy && printf '%-117s\n' "{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }" >> bad.npy && head -c 24 /dev/zero >> bad.npy
run: ndmap info bad.npy; ndmap show bad.npy
status: 1
--- stdout
file:           bad.npy
format:         npy 1.0
header length:  118
data offset:    128
dtype:          '<U3' (not supported by ndmap)
shape:          (2,)
order:          C
itemsize:       12
size:           2
data bytes:     24
file size:      152
status:         ok
--- stderr
ndmap: NotImplementedError: dtype '<U3' is not supported by ndmap yet (supported: bool, int8-int64, uint8-uint64, float16, float32, float64, complex64, complex128)
