# set needs FILE INDEX VALUE
run: ndmap set a.npy 0
status: 2
--- stderr
ndmap: set needs FILE INDEX VALUE
Try 'ndmap set --help' for more information.
