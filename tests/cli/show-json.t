# --json: dtype, shape and data
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy --json && ndmap show a.npy '1, 2' --json
status: 0
--- stdout
{"dtype": "float32", "descr": "<f4", "shape": [3, 4], "data": [[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0]]}
{"dtype": "float32", "descr": "<f4", "shape": [], "data": 6.0}
