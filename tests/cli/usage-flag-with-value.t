# a flag given a value
run: ndmap show a.npy --str=yes
status: 2
--- stderr
ndmap: option '--str' takes no value
Try 'ndmap show --help' for more information.
