# zero-size arrays
setup: ndmap create e.npy --shape 0,2
run: ndmap convert e.npy e2.npy --dtype f4 && ndmap show e2.npy
status: 0
--- stdout
memmap([], shape=(0, 2), dtype=float32)
