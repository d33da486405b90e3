# --sign takes one of - + space
run: ndmap show a.bin --sign x
status: 2
--- stderr
ndmap: invalid value for --sign: 'x' (one of '-', '+', ' ')
Try 'ndmap show --help' for more information.
