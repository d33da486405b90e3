# the file size is not a multiple of the itemsize
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap show u8.bin --dtype f4
status: 1
--- stderr
ndmap: ValueError: Size of available data is not a multiple of the data-type size.
