# --dtype casts as astype (unsafe)
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap set a.npy 0 -2.7 && ndmap convert a.npy i.npy --dtype i2 && ndmap show i.npy
status: 0
--- stdout
memmap([[-2, -2, -2, -2],
        [ 4,  5,  6,  7],
        [ 8,  9, 10, 11]], dtype=int16)
