# JSON of bool, complex, big-endian
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
setup: ndmap demo . >/dev/null
run: ndmap show u8.bin --dtype bool '1:4' --json && ndmap show newfile.dat --dtype c8 '1:3' --json && ndmap show u8.bin --dtype '>u2' --json
status: 0
--- stdout
{"dtype": "bool", "descr": "|b1", "shape": [3], "data": [true, true, true]}
{"dtype": "complex64", "descr": "<c8", "shape": [2], "data": [[2.0, 3.0], [4.0, 5.0]]}
{"dtype": "uint16", "descr": ">u2", "shape": [5], "data": [1, 515, 1029, 1543, 2057]}
