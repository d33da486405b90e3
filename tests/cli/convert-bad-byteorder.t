# --byteorder values
run: ndmap convert a b --byteorder middle
status: 2
--- stderr
ndmap: invalid value for --byteorder: 'middle' (little, big or native)
Try 'ndmap convert --help' for more information.
