# the element count numpy would infer
setup: ndmap demo . >/dev/null
run: ndmap info newfile.dat --dtype f8 && ndmap info newfile.dat --dtype f4 --offset 16 --json
status: 0
--- stdout
file:           newfile.dat
format:         raw
file size:      48
dtype:          float64 ('<f8')
offset:         0
shape:          (6,)
order:          C
itemsize:       8
size:           6
data bytes:     48
{"file": "newfile.dat", "format": "raw", "file_size": 48, "descr": "<f4", "dtype": "float32", "offset": 16, "shape": [8], "order": "C", "itemsize": 4, "size": 8, "data_bytes": 32}
