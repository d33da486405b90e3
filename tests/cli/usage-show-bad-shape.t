# malformed shape
run: ndmap show a.bin --shape 3,x
status: 2
--- stderr
ndmap: invalid value for --shape: '3,x' (a shape such as 3,4 or '(3, 4)' or '()')
Try 'ndmap show --help' for more information.
