# a numpy dtype ndmap cannot create
run: ndmap create s.npy --shape 2 --dtype U3; echo status $?; ls
status: 0
--- stdout
status 1
--- stderr
ndmap: NotImplementedError: dtype 'U3' is not supported by ndmap yet (supported: bool, int8-int64, uint8-uint64, float16, float32, float64, complex64, complex128)
