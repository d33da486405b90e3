# a .npy of float64 zeros by default
run: ndmap create z.npy --shape 2,3 && ndmap show z.npy && ndmap info z.npy
status: 0
--- stdout
memmap([[0., 0., 0.],
        [0., 0., 0.]])
file:           z.npy
format:         npy 1.0
header length:  118
data offset:    128
dtype:          float64 ('<f8')
shape:          (2, 3)
order:          C
itemsize:       8
size:           6
data bytes:     48
file size:      176
status:         ok
