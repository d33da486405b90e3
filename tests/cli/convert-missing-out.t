# convert needs IN and OUT
run: ndmap convert a
status: 2
--- stderr
ndmap: convert needs IN and OUT
Try 'ndmap convert --help' for more information.
