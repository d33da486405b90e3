# slice step zero
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy '::0'
status: 1
--- stderr
ndmap: ValueError: slice step cannot be zero
