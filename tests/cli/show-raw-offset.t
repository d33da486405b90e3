# offset=16, shape inferred (numpy's docstring)
setup: ndmap demo . >/dev/null
run: ndmap show newfile.dat --dtype float32 --offset 16
status: 0
--- stdout
memmap([ 4.,  5.,  6.,  7.,  8.,  9., 10., 11.], dtype=float32)
