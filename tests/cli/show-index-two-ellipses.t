# two ellipses
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy '..., ...'
status: 1
--- stderr
ndmap: IndexError: an index can only have a single ellipsis ('...')
