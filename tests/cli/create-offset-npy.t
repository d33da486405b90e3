# --offset is for raw files
run: ndmap create a.npy --shape 2 --offset 8
status: 2
--- stderr
ndmap: --offset applies to raw files (add --raw)
Try 'ndmap create --help' for more information.
