# unknown global option
run: ndmap --frobnicate
status: 2
--- stderr
ndmap: unrecognized option '--frobnicate'
Try 'ndmap --help' for more information.
