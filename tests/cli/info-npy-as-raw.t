# --raw maps a .npy file as bytes
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap info a.npy --raw --dtype u1 --offset 128
status: 0
--- stdout
file:           a.npy
format:         raw
file size:      176
dtype:          uint8 ('|u1')
offset:         128
shape:          (48,)
order:          C
itemsize:       1
size:           48
data bytes:     48
