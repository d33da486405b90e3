# --to raw regardless of the name
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap convert a.npy out.npy --to raw && ndmap info out.npy
status: 0
--- stdout
file:           out.npy
format:         raw
file size:      48
