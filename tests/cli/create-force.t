# --force replaces
setup: ndmap create a.npy --shape 2
run: ndmap create a.npy --shape 3 --force && ndmap show a.npy
status: 0
--- stdout
memmap([0., 0., 0.])
