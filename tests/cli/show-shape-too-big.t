# the shape needs more bytes than the file has (mode r)
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap show u8.bin --shape 20
status: 1
--- stderr
ndmap: ValueError: mmap length is greater than file size
