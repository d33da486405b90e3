# FileNotFoundError; no output
run: ndmap convert nope.npy out.npy; echo status $?; ls
status: 0
--- stdout
status 1
--- stderr
ndmap: FileNotFoundError: [Errno 2] No such file or directory: 'nope.npy'
