# a view
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap stats a.npy '1:, ::2'
status: 0
--- stdout
count: 4
min:   4.0
max:   10.0
mean:  7.0
std:   2.236068
nans:  0
