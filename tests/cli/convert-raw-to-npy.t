# raw to .npy
setup: ndmap demo . >/dev/null
run: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4 && ndmap info a.npy && ndmap show a.npy
status: 0
--- stdout
file:           a.npy
format:         npy 1.0
header length:  118
data offset:    128
dtype:          float32 ('<f4')
shape:          (3, 4)
order:          C
itemsize:       4
size:           12
data bytes:     48
file size:      176
status:         ok
memmap([[ 0.,  1.,  2.,  3.],
        [ 4.,  5.,  6.,  7.],
        [ 8.,  9., 10., 11.]], dtype=float32)
