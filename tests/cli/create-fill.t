# --fill assigns a scalar
run: ndmap create f.npy --dtype f4 --shape 3,4 --fill 1.5 && ndmap show f.npy
status: 0
--- stdout
memmap([[1.5, 1.5, 1.5, 1.5],
        [1.5, 1.5, 1.5, 1.5],
        [1.5, 1.5, 1.5, 1.5]], dtype=float32)
