# FileNotFoundError
run: ndmap show missing.npy
status: 1
--- stderr
ndmap: FileNotFoundError: [Errno 2] No such file or directory: 'missing.npy'
