# --order F writes fortran_order True
run: ndmap create f.npy --dtype i2 --shape 2,3 --order F && ndmap info f.npy
status: 0
--- stdout
file:           f.npy
format:         npy 1.0
header length:  118
data offset:    128
dtype:          int16 ('<i2')
shape:          (2, 3)
order:          F
itemsize:       2
size:           6
data bytes:     12
file size:      140
status:         ok
