# set always uses r+
run: ndmap set a.npy 0 1 --mode c
status: 2
--- stderr
ndmap: set always maps FILE with mode r+ (--mode is not accepted)
Try 'ndmap set --help' for more information.
