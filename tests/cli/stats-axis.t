# --axis, as numpy's axis=
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap stats a.npy --axis 0 && ndmap stats a.npy --axis -1 --json
status: 0
--- stdout
count: 3
min:   [0. 1. 2. 3.]
max:   [ 8.  9. 10. 11.]
mean:  [4. 5. 6. 7.]
std:   [3.2659864 3.2659864 3.2659864 3.2659864]
nans:  [0 0 0 0]
{"count": 4, "dtype": "float32", "min": [0.0, 4.0, 8.0], "max": [3.0, 7.0, 11.0], "mean": [1.5, 5.5, 9.5], "std": [1.118034, 1.118034, 1.118034], "nans": [0, 0, 0]}
