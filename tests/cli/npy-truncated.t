# data shorter than the header says
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
setup: head -c 150 a.npy > t.npy
run: ndmap info t.npy; ndmap show t.npy
status: 1
--- stdout
file:           t.npy
format:         npy 1.0
header length:  118
data offset:    128
dtype:          float32 ('<f4')
shape:          (3, 4)
order:          C
itemsize:       4
size:           12
data bytes:     48
file size:      150
status:         truncated (26 of 48 data bytes missing)
--- stderr
ndmap: ValueError: mmap length is greater than file size
