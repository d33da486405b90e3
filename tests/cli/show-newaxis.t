# None adds an axis
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy 'None, 0, 1:3'
status: 0
--- stdout
memmap([[1., 2.]], dtype=float32)
