# TypeError; no output
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap convert a.npy out.npy --dtype float33; echo status $?; ls
status: 0
--- stdout
status 1
a.npy
newfile.dat
--- stderr
ndmap: TypeError: data type 'float33' not understood
