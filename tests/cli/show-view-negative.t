# negative index without --
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy -1
status: 0
--- stdout
memmap([ 8.,  9., 10., 11.], dtype=float32)
