# numpy accepts any literal layout: double quotes, no padding
setup: printf '\223NUMPY\001\000\067\000' > ok.npy && printf '%s' '{"shape": (2,), "fortran_order": False, "descr": "<i2"}' >> ok.npy && printf '\001\000\002\000' >> ok.npy
run: ndmap info ok.npy && ndmap show ok.npy
status: 0
--- stdout
file:           ok.npy
format:         npy 1.0
header length:  55
data offset:    65
dtype:          int16 ('<i2')
shape:          (2,)
order:          C
itemsize:       2
size:           2
data bytes:     4
file size:      69
status:         ok
memmap([1, 2], dtype=int16)
