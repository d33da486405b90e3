# JSON of signed and unsigned integers of every width, byte orders, floats
setup: printf '\377\376\200\001\000\000\300\177' > i.bin
run: for d in i1 '>i2' '<i4' u8 '<f2' '>f4'; do ndmap show i.bin --dtype "$d" --json || exit 1; done
status: 0
--- stdout
{"dtype": "int8", "descr": "|i1", "shape": [8], "data": [-1, -2, -128, 1, 0, 0, -64, 127]}
{"dtype": "int16", "descr": ">i2", "shape": [4], "data": [-2, -32767, 0, -16257]}
{"dtype": "int32", "descr": "<i4", "shape": [2], "data": [25231103, 2143289344]}
{"dtype": "uint64", "descr": "<u8", "shape": [1], "data": [9205357638370524927]}
{"dtype": "float16", "descr": "<f2", "shape": [4], "data": ["nan", 2.29e-05, 0.0, "nan"]}
{"dtype": "float32", "descr": ">f4", "shape": [2], "data": ["nan", 6.9055e-41]}
