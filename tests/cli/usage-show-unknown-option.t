# unknown option of a command
run: ndmap show a.npy --bogus
status: 2
--- stderr
ndmap: unrecognized option '--bogus'
Try 'ndmap show --help' for more information.
