# 0-d arrays
setup: ndmap create s.npy --shape '()' --dtype i8 --fill -7
run: ndmap convert s.npy s.bin && ndmap show s.bin --dtype i8 --shape '()'
status: 0
--- stdout
memmap(-7)
