# unknown command
run: ndmap frobnicate
status: 2
--- stderr
ndmap: unknown command 'frobnicate'
Try 'ndmap --help' for more information.
