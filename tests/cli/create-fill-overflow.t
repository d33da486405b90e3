# numpy 2: Python int out of bounds; nothing is created
run: ndmap create a.npy --dtype u1 --shape 2 --fill 300; echo status $?; ls
status: 0
--- stdout
status 1
--- stderr
ndmap: OverflowError: Python integer 300 out of bounds for uint8
