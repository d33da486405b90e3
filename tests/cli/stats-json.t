# --json
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap stats a.npy --json
status: 0
--- stdout
{"count": 12, "dtype": "float32", "min": 0.0, "max": 11.0, "mean": 5.5, "std": 3.4520526, "nans": 0}
