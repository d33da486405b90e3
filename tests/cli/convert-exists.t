# OUT is not replaced without --force
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
setup: touch out.npy
run: ndmap convert a.npy out.npy
status: 1
--- stderr
ndmap: 'out.npy' exists (use --force to replace it)
