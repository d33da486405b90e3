# numpy.memmap r+ extends a short file
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap set u8.bin --shape 12 -1 9 && ndmap info u8.bin && ndmap show u8.bin
status: 0
--- stdout
file:           u8.bin
format:         raw
file size:      12
memmap([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 9], dtype=uint8)
