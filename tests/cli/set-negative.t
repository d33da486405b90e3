# negative index and value need no --
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap set a.npy -1 -2.5 && ndmap show a.npy
status: 0
--- stdout
memmap([[ 0. ,  1. ,  2. ,  3. ],
        [ 4. ,  5. ,  6. ,  7. ],
        [-2.5, -2.5, -2.5, -2.5]], dtype=float32)
