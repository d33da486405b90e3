# FileNotFoundError
run: ndmap info nope.npy
status: 1
--- stderr
ndmap: FileNotFoundError: [Errno 2] No such file or directory: 'nope.npy'
