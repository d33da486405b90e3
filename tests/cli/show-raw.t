# raw data with numpy.memmap's parameters
setup: ndmap demo . >/dev/null
run: ndmap show newfile.dat --dtype float32 --shape 3,4
status: 0
--- stdout
memmap([[ 0.,  1.,  2.,  3.],
        [ 4.,  5.,  6.,  7.],
        [ 8.,  9., 10., 11.]], dtype=float32)
