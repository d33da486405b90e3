# a zero-size array
run: ndmap create e.npy --dtype i4 --shape 0,3 && ndmap show e.npy && ndmap info e.npy
status: 0
--- stdout
memmap([], shape=(0, 3), dtype=int32)
file:           e.npy
format:         npy 1.0
header length:  118
data offset:    128
dtype:          int32 ('<i4')
shape:          (0, 3)
order:          C
itemsize:       4
size:           0
data bytes:     0
file size:      128
status:         ok
