# C <-> F and casts in 8-byte boxes
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: NDMAP_CHUNK_BYTES=8 ndmap convert a.npy f.npy --order F && ndmap convert a.npy g.npy --order F && cmp f.npy g.npy && NDMAP_CHUNK_BYTES=4 ndmap convert f.npy c.bin --order C && cmp c.bin newfile.dat && NDMAP_CHUNK_BYTES=12 ndmap convert f.npy h.npy --dtype f2 --index '::-1, 1:' && ndmap show h.npy
status: 0
--- stdout
memmap([[ 9., 10., 11.],
        [ 5.,  6.,  7.],
        [ 1.,  2.,  3.]], dtype=float16)
