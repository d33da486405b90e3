# show needs FILE
run: ndmap show
status: 2
--- stderr
ndmap: missing FILE
Try 'ndmap show --help' for more information.
