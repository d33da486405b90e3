# raw file with parameters, strided view
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap set u8.bin --shape 2,5 ':, ::2' 0 && ndmap show u8.bin --shape 2,5
status: 0
--- stdout
memmap([[0, 1, 0, 3, 0],
        [0, 6, 0, 8, 0]], dtype=uint8)
