# numpy cannot map an empty file
setup: touch empty.bin
run: ndmap show empty.bin
status: 1
--- stderr
ndmap: ValueError: cannot mmap an empty file
