# a 0-d view with ...
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy '1, 2, ...'
status: 0
--- stdout
memmap(6., dtype=float32)
