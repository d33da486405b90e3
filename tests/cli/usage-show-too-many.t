# show takes FILE [INDEX]
run: ndmap show a b c
status: 2
--- stderr
ndmap: too many arguments
Try 'ndmap show --help' for more information.
