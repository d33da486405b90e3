# an existing file is not replaced without --force
setup: ndmap create a.npy --shape 2
run: ndmap create a.npy --shape 3
status: 1
--- stderr
ndmap: 'a.npy' exists (use --force to replace it)
