# complex fill
run: ndmap create c.npy --dtype c16 --shape 2 --fill '(1+2j)' && ndmap show c.npy
status: 0
--- stdout
memmap([1.+2.j, 1.+2.j])
