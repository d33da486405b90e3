# --order C or F
run: ndmap create a.npy --shape 2 --order X
status: 2
--- stderr
ndmap: invalid value for --order: 'X' (C or F)
Try 'ndmap create --help' for more information.
