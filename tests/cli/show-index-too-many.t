# too many indices
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy '0, 0, 0'
status: 1
--- stderr
ndmap: IndexError: too many indices for array: array is 2-dimensional, but 3 were indexed
