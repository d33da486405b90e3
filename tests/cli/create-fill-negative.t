# negative fill values need no --
run: ndmap create f.npy --dtype i2 --shape 4 --fill -3 && ndmap show f.npy
status: 0
--- stdout
memmap([-3, -3, -3, -3], dtype=int16)
