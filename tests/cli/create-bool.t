# bool fill
run: ndmap create b.npy --dtype bool --shape 3 --fill True && ndmap show b.npy
status: 0
--- stdout
memmap([ True,  True,  True])
