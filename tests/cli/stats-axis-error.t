# numpy's AxisError
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap stats a.npy --axis 2
status: 1
--- stderr
ndmap: AxisError: axis 2 is out of bounds for array of dimension 2
