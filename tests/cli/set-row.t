# a[0, :] = 5, flushed
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap set a.npy '0, :' 5 && ndmap show a.npy
status: 0
--- stdout
memmap([[ 5.,  5.,  5.,  5.],
        [ 4.,  5.,  6.,  7.],
        [ 8.,  9., 10., 11.]], dtype=float32)
