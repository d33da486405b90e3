# option at the end without its value
run: ndmap show a.npy --dtype
status: 2
--- stderr
ndmap: option '--dtype' needs a value
Try 'ndmap show --help' for more information.
