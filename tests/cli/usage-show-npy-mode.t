# .npy files open with r, r+ or c only
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy --mode w+
status: 2
--- stderr
ndmap: mode 'w+' cannot open an existing .npy file (use r, r+ or c; 'ndmap create' makes new files)
Try 'ndmap show --help' for more information.
