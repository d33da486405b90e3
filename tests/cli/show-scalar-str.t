# --str of a scalar
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy '1, 2' --str
status: 0
--- stdout
6.0
