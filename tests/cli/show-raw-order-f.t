# order F
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap show u8.bin --shape 2,5 --order F
status: 0
--- stdout
memmap([[0, 2, 4, 6, 8],
        [1, 3, 5, 7, 9]], dtype=uint8)
