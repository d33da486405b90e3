# negative slice step
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy '::-1, -2:'
status: 0
--- stdout
memmap([[10., 11.],
        [ 6.,  7.],
        [ 2.,  3.]], dtype=float32)
