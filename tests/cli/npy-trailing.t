# bytes after the data
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
setup: cp a.npy t.npy && printf 'xyz' >> t.npy
run: ndmap info t.npy && ndmap info t.npy --json
status: 0
--- stdout
file:           t.npy
format:         npy 1.0
header length:  118
data offset:    128
dtype:          float32 ('<f4')
shape:          (3, 4)
order:          C
itemsize:       4
size:           12
data bytes:     48
file size:      179
status:         3 trailing bytes after the data
{"file": "t.npy", "format": "npy", "version": "1.0", "header_length": 118, "data_offset": 128, "descr": "<f4", "dtype": "float32", "shape": [3, 4], "fortran_order": false, "order": "C", "itemsize": 4, "size": 12, "data_bytes": 48, "file_size": 179, "expected_file_size": 176, "trailing_bytes": 3, "status": "trailing bytes"}
