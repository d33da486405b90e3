# r+ needs an existing file
run: ndmap set nope.npy 0 1
status: 1
--- stderr
ndmap: FileNotFoundError: [Errno 2] No such file or directory: 'nope.npy'
