run: ndmap demo --help
status: 0
--- stdout
Usage: ndmap demo [DIR]
Walk through numpy.memmap's documentation example: create a float32 (3,4)
memmap with mode w+, assign arange(12), check the filename, flush, reopen
read-only, copy-on-write (memory changes, the file does not), and a view at
offset 16; each result printed as numpy prints it. The file newfile.dat is
made in DIR, which is kept; without DIR a temporary directory is used and
removed.
