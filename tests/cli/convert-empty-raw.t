# the raw bytes of an empty array: an empty file
setup: ndmap create e.npy --shape 0,2
run: ndmap convert e.npy e.bin && ndmap info e.bin
status: 0
--- stdout
file:           e.bin
format:         raw
file size:      0
