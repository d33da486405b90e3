# NaN propagates into min, max, mean, std
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
setup: ndmap set a.npy '1, 1' nan
run: ndmap stats a.npy && ndmap stats a.npy --axis 1
status: 0
--- stdout
count: 12
min:   nan
max:   nan
mean:  nan
std:   nan
nans:  1
count: 4
min:   [ 0. nan  8.]
max:   [ 3. nan 11.]
mean:  [1.5 nan 9.5]
std:   [1.118034      nan 1.118034]
nans:  [0 1 0]
