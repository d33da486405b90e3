# a raw file: its size
setup: ndmap demo . >/dev/null
run: ndmap info newfile.dat
status: 0
--- stdout
file:           newfile.dat
format:         raw
file size:      48
