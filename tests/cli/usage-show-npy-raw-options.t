# raw parameters on a .npy file
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap show a.npy --dtype f8
status: 2
--- stderr
ndmap: 'a.npy' is a .npy file: --dtype, --shape, --offset and --order describe raw files (add --raw to map it as raw data)
Try 'ndmap show --help' for more information.
