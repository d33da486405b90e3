# non-native byte order
setup: printf '\000\001\000\002\377\376' > be.bin
run: ndmap show be.bin --dtype '>i2'
status: 0
--- stdout
memmap([ 1,  2, -2], dtype='>i2')
