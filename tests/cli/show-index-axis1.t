# the axis in the message
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy '0, 4'
status: 1
--- stderr
ndmap: IndexError: index 4 is out of bounds for axis 1 with size 4
