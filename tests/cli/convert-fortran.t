# --order F: same values, Fortran layout
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap convert a.npy f.npy --order F && ndmap info f.npy && ndmap show f.npy && ndmap convert f.npy f.bin && ndmap show f.bin --dtype f4 --shape 4,3
status: 0
--- stdout
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
memmap([[ 0.,  1.,  2.,  3.],
        [ 4.,  5.,  6.,  7.],
        [ 8.,  9., 10., 11.]], dtype=float32)
memmap([[ 0.,  4.,  8.],
        [ 1.,  5.,  9.],
        [ 2.,  6., 10.],
        [ 3.,  7., 11.]], dtype=float32)
