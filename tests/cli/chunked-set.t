# a fill in 4-byte boxes
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: NDMAP_CHUNK_BYTES=4 ndmap set a.npy '::2, 1:' 7 && ndmap show a.npy
status: 0
--- stdout
memmap([[0., 7., 7., 7.],
        [4., 5., 6., 7.],
        [8., 7., 7., 7.]], dtype=float32)
