# a bad --index: numpy's error, no output
setup: ndmap demo . >/dev/null
setup: ndmap convert newfile.dat a.npy --in-dtype f4 --in-shape 3,4
run: ndmap convert a.npy out.npy --index '0, 9'; echo status $?; ls
status: 0
--- stdout
status 1
a.npy
newfile.dat
--- stderr
ndmap: IndexError: index 9 is out of bounds for axis 1 with size 4
