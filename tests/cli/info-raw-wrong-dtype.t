# numpy's error for a size that is not a multiple
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap info u8.bin --dtype i4
status: 1
--- stderr
ndmap: ValueError: Size of available data is not a multiple of the data-type size.
