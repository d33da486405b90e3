# one element
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap set a.npy '1, 1' nan && ndmap show a.npy '1'
status: 0
--- stdout
memmap([ 4., nan,  6.,  7.], dtype=float32)
