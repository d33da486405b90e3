# non-integer option value
run: ndmap show a.npy --precision x
status: 2
--- stderr
ndmap: invalid value for --precision: 'x' (an integer is needed)
Try 'ndmap show --help' for more information.
