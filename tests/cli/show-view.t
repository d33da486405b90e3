# a view in numpy index syntax
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy '0, ::2'
status: 0
--- stdout
memmap([0., 2.], dtype=float32)
