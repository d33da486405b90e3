# no command: usage on stderr, status 2
run: ndmap
status: 2
--- stderr
ndmap: missing command
Try 'ndmap --help' for more information.
