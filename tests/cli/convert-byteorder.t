# --byteorder big
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap convert a.npy b.npy --byteorder big && ndmap info b.npy && ndmap show b.npy '0'
status: 0
--- stdout
file:           b.npy
format:         npy 1.0
header length:  118
data offset:    128
dtype:          float32 ('>f4')
shape:          (3, 4)
order:          C
itemsize:       4
size:           12
data bytes:     48
file size:      176
status:         ok
memmap([0., 1., 2., 3.], dtype='>f4')
