# --shape is required
run: ndmap create a.npy
status: 2
--- stderr
ndmap: --shape is required
Try 'ndmap create --help' for more information.
