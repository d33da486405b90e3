# a numpy dtype ndmap does not support
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap show u8.bin --dtype U2
status: 1
--- stderr
ndmap: NotImplementedError: dtype 'U2' is not supported by ndmap yet (supported: bool, int8-int64, uint8-uint64, float16, float32, float64, complex64, complex128)
