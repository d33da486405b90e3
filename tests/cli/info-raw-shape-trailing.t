# an explicit shape smaller than the file
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap info u8.bin --shape 2,3
status: 0
--- stdout
file:           u8.bin
format:         raw
file size:      10
dtype:          uint8 ('|u1')
offset:         0
shape:          (2, 3)
order:          C
itemsize:       1
size:           6
data bytes:     6
trailing bytes: 4
