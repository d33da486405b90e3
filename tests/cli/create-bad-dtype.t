# numpy's TypeError; nothing is created
run: ndmap create a.npy --shape 2 --dtype float33; echo status $?; ls
status: 0
--- stdout
status 1
--- stderr
ndmap: TypeError: data type 'float33' not understood
