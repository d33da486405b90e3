# --json
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap info a.npy --json
status: 0
--- stdout
{"file": "a.npy", "format": "npy", "version": "1.0", "header_length": 118, "data_offset": 128, "descr": "<f4", "dtype": "float32", "shape": [3, 4], "fortran_order": false, "order": "C", "itemsize": 4, "size": 12, "data_bytes": 48, "file_size": 176, "expected_file_size": 176, "status": "ok"}
