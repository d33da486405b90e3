# --to npy or raw
run: ndmap convert a b --to zip
status: 2
--- stderr
ndmap: invalid value for --to: 'zip' (npy or raw)
Try 'ndmap convert --help' for more information.
