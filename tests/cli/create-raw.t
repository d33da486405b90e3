# --raw writes no header (uint8 by default, as numpy.memmap)
run: ndmap create r.bin --raw --shape 5 --fill 7 && ndmap info r.bin && ndmap show r.bin
status: 0
--- stdout
file:           r.bin
format:         raw
file size:      5
memmap([7, 7, 7, 7, 7], dtype=uint8)
