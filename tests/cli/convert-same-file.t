# IN and OUT the same file
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap convert a.npy ./a.npy --force
status: 1
--- stderr
ndmap: 'a.npy' and './a.npy' are the same file
