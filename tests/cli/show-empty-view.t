# an empty view is an array, not a memmap
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy '3:'
status: 0
--- stdout
array([], shape=(0, 4), dtype=float32)
