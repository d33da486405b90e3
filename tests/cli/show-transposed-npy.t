# a Fortran-ordered .npy
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat f.npy --in-dtype f4 --in-shape 3,4 --order F
run: ndmap show f.npy && ndmap info f.npy
status: 0
--- stdout
memmap([[ 0.,  1.,  2.,  3.],
        [ 4.,  5.,  6.,  7.],
        [ 8.,  9., 10., 11.]], dtype=float32)
file:           f.npy
format:         npy 1.0
header length:  118
data offset:    128
dtype:          float32 ('<f4')
shape:          (3, 4)
order:          F
itemsize:       4
size:           12
data bytes:     48
file size:      176
status:         ok
