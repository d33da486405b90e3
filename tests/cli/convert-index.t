# --index converts a view
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap convert a.npy v.npy --index '::2, 1:3' && ndmap show v.npy
status: 0
--- stdout
memmap([[ 1.,  2.],
        [ 9., 10.]], dtype=float32)
