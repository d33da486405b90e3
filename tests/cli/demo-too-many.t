# demo takes at most DIR
run: ndmap demo a b
status: 2
--- stderr
ndmap: too many arguments
Try 'ndmap demo --help' for more information.
