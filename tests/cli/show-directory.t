# IsADirectoryError
setup: mkdir d
run: ndmap show d
status: 1
--- stderr
ndmap: IsADirectoryError: [Errno 21] Is a directory: 'd'
