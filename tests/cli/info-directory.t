# a directory is not a file
setup: mkdir d
run: ndmap info d
status: 1
--- stderr
ndmap: IsADirectoryError: [Errno 21] Is a directory: 'd'
