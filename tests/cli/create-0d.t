# shape () is a 0-d array
run: ndmap create s.npy --shape '()' --fill 2.5 && ndmap show s.npy
status: 0
--- stdout
memmap(2.5)
