# raw data at an offset
run: ndmap create r.bin --raw --dtype i4 --shape 2 --offset 6 --fill 9 && ndmap info r.bin --dtype i4 --offset 6 && ndmap show r.bin --dtype i4 --offset 6
status: 0
--- stdout
file:           r.bin
format:         raw
file size:      14
dtype:          int32 ('<i4')
offset:         6
shape:          (2,)
order:          C
itemsize:       4
size:           2
data bytes:     8
memmap([9, 9], dtype=int32)
