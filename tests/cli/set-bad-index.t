# IndexError
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap set a.npy 3 1
status: 1
--- stderr
ndmap: IndexError: index 3 is out of bounds for axis 0 with size 3
