# header, sizes, status
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap info a.npy
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
