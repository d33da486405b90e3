# more than 1000 elements: summarised, shape= (numpy >= 2.2)
setup: ndmap create big.bin --raw --shape 2000 --fill 3
run: ndmap show big.bin
status: 0
--- stdout
memmap([3, 3, 3, ..., 3, 3, 3], shape=(2000,), dtype=uint8)
