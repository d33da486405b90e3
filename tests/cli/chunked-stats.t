# stats in 8-byte boxes
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: NDMAP_CHUNK_BYTES=8 ndmap stats a.npy '::-1, 1:' --json && ndmap stats a.npy '::-1, 1:' --json && NDMAP_CHUNK_BYTES=4 ndmap stats a.npy --axis 0 --json
status: 0
--- stdout
{"count": 9, "dtype": "float32", "min": 1.0, "max": 11.0, "mean": 6.0, "std": 3.3665016, "nans": 0}
{"count": 9, "dtype": "float32", "min": 1.0, "max": 11.0, "mean": 6.0, "std": 3.3665016, "nans": 0}
{"count": 3, "dtype": "float32", "min": [0.0, 1.0, 2.0, 3.0], "max": [8.0, 9.0, 10.0, 11.0], "mean": [4.0, 5.0, 6.0, 7.0], "std": [3.2659864, 3.2659864, 3.2659864, 3.2659864], "nans": [0, 0, 0, 0]}
