# IndexError as numpy words it
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy 5
status: 1
--- stderr
ndmap: IndexError: index 5 is out of bounds for axis 0 with size 3
