# numpy cannot map an empty file
setup: touch e.bin
run: ndmap info e.bin && ndmap info e.bin --dtype f4
status: 1
--- stdout
file:           e.bin
format:         raw
file size:      0
--- stderr
ndmap: ValueError: cannot mmap an empty file
