# bool
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap show u8.bin --dtype bool --shape 2,5
status: 0
--- stdout
memmap([[False,  True,  True,  True,  True],
        [ True,  True,  True,  True,  True]])
