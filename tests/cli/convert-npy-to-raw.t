# and back: the same bytes
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap convert a.npy back.bin && cmp back.bin newfile.dat && ndmap info back.bin
status: 0
--- stdout
file:           back.bin
format:         raw
file size:      48
